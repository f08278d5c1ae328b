using System.Diagnostics;

namespace Polo.Bench;

/// <summary>
/// Peak resident memory of this process (the engine runs in it) over one step: on Linux the kernel's high-water mark
/// (VmHWM) is reset before the step (<c>/proc/self/clear_refs</c>), so an earlier step's peak does not count.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Starts a new measurement; false where the peak cannot be reset (then the peak is since start-up).</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes since the last <see cref="Reset"/>.</summary>
    public static long Bytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
