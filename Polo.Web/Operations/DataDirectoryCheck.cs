using Polo.Web.Cli;

namespace Polo.Web.Operations;

/// <summary>A second instance on the same embedded data directory is refused in one line, before the engine opens it.</summary>
public static class DataDirectoryCheck
{
    public static void RefuseIfHeld(IConfiguration configuration)
    {
        if (EmbeddedDataLock.HeldByAnotherProcess(configuration) is { } dir && !Polo.Data.Embedded.EmbeddedClickHouse.IsOpenInThisProcess(dir))
            throw new StartupRefusedException(
                $"the embedded data directory {dir} is in use by another Polo process; stop it, or give this instance its own ClickHouse:DataPath (or use the server transport).");
    }
}
