using Polo.Data;

namespace Polo.Web.Cli;

/// <summary>
/// Whether another process holds the embedded engine's data directory. The engine locks <c>status</c> in it with
/// flock; .NET opens files with FileShare.None through the same advisory lock, so a failed open means it is held.
/// </summary>
public static class EmbeddedDataLock
{
    /// <summary>The data directory when it is held by another process, otherwise null (also for the server transport).</summary>
    public static string? HeldByAnotherProcess(IConfiguration configuration)
    {
        var options = ClickHouseOptions.From(configuration);
        if (!string.Equals(options.Transport, "embedded", StringComparison.OrdinalIgnoreCase)) return null;
        var dataPath = Path.GetFullPath(options.DataPath);
        var status = Path.Combine(dataPath, "status");
        if (!File.Exists(status)) return null;
        try
        {
            using var _ = new FileStream(status, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return null;
        }
        catch (IOException)
        {
            return dataPath;
        }
    }
}
