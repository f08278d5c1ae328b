using Polo.Data.Embedded;
using Polo.Data.Migrations;

namespace Polo.Data.Tests.Infrastructure;

/// <summary>
/// The real embedded engine for tests. chDB allows one data path per process, so the whole test run shares one
/// temporary path and every test class works in a database of its own.
/// </summary>
public static class TestEngine
{
    private const string Prefix = "polo-tests-";

    public static readonly string DataPath = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}");

    static TestEngine() => RemoveLeftovers();

    /// <summary>Deletes data paths of earlier test processes that have exited (each run leaves one behind).</summary>
    private static void RemoveLeftovers()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(dir)[Prefix.Length..], out var pid) || pid == Environment.ProcessId) continue;
            if (Directory.Exists($"/proc/{pid}")) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    public static string MigrationsPath => Path.Combine(AppContext.BaseDirectory, "migrations");

    public static string UniqueDatabase(string prefix = "t") =>
        $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];

    /// <summary>A fresh database; migrated unless told otherwise.</summary>
    public static async Task<EmbeddedClickHouse> CreateAsync(string? database = null, bool migrate = true)
    {
        var ch = new EmbeddedClickHouse(DataPath, database ?? UniqueDatabase(), poolSize: 4);
        if (migrate) await new MigrationRunner(ch, MigrationsPath).ApplyAsync();
        return ch;
    }
}

/// <summary>xunit class fixture: one migrated database shared by the tests of a class, dropped afterwards.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public EmbeddedClickHouse Ch { get; private set; } = null!;

    public async Task InitializeAsync() => Ch = await TestEngine.CreateAsync();

    public async Task DisposeAsync()
    {
        await Ch.ExecuteAsync($"DROP DATABASE IF EXISTS `{Ch.Database}`");
        await Ch.DisposeAsync();
    }
}
