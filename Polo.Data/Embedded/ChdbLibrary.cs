using System.Reflection;
using System.Runtime.InteropServices;

namespace Polo.Data.Embedded;

/// <summary>
/// Finds and loads libchdb.so once per process, and disables chDB's signal handlers before any connection:
/// chDB's handlers would otherwise replace the .NET runtime's and turn the first NullReferenceException into a segfault.
/// </summary>
public static class ChdbLibrary
{
    public const string EnvVar = "POLO_CHDB_LIB";
    private static readonly object Gate = new();
    private static IntPtr _handle;
    private static string? _loadedFrom;

    public static string? LoadedFrom => _loadedFrom;

    /// <summary>Candidate locations, in order: POLO_CHDB_LIB, .chdb/libchdb.so in the working directory or any parent of it
    /// or of the application's base directory.</summary>
    public static IEnumerable<string> Candidates()
    {
        var env = Environment.GetEnvironmentVariable(EnvVar);
        if (!string.IsNullOrWhiteSpace(env)) yield return env;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                yield return Path.Combine(dir.FullName, ".chdb", "libchdb.so");
        }
    }

    public static void EnsureLoaded()
    {
        if (_handle != IntPtr.Zero) return;
        lock (Gate)
        {
            if (_handle != IntPtr.Zero) return;
            var tried = new List<string>();
            foreach (var path in Candidates().Distinct())
            {
                tried.Add(path);
                if (!File.Exists(path)) continue;
                _handle = NativeLibrary.Load(path);
                _loadedFrom = path;
                break;
            }
            if (_handle == IntPtr.Zero)
                throw new ClickHouseUnavailableException(
                    "The embedded ClickHouse engine (libchdb.so) was not found. Run ./scripts/setup.sh to fetch it, " +
                    $"or set {EnvVar} to its path. Looked in: {string.Join(", ", tried.Take(6))}");
            NativeLibrary.SetDllImportResolver(typeof(ChdbLibrary).Assembly, Resolve);
            ChdbNative.SetSignalHandlersEnabled(0);
        }
    }

    public static string Version()
    {
        EnsureLoaded();
        return Marshal.PtrToStringUTF8(ChdbNative.Version()) ?? "unknown";
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == ChdbNative.Library ? _handle : IntPtr.Zero;
}
