using Polo.Data;
using Polo.Data.Embedded;
using Polo.Data.Migrations;

namespace Polo.Testing;

/// <summary>
/// The real embedded engine for tests. chDB allows one data path per process, so the whole test run shares one
/// temporary path and every test class works in a database of its own (<see cref="TestDatabase"/>).
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

    /// <summary>The shipped migrations, copied next to every assembly that references Polo.Data.</summary>
    public static string MigrationsPath => Path.Combine(AppContext.BaseDirectory, "migrations");

    public static string UniqueDatabase(string prefix = "t") =>
        $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];

    /// <summary>Opens <paramref name="database"/> on the shared data path, migrated unless told otherwise, WITHOUT
    /// owning its teardown: only for tests of the engine's own persistence. Everything else uses
    /// <see cref="TestDatabase.CreateAsync"/>.</summary>
    public static async Task<EmbeddedClickHouse> OpenAsync(string database, bool migrate = true)
    {
        var ch = new EmbeddedClickHouse(DataPath, database, poolSize: 4);
        if (migrate) await Migrate(ch);
        return ch;
    }

    /// <summary>Applies the shipped migrations.</summary>
    public static Task<MigrationResult> Migrate(IClickHouse ch) => new MigrationRunner(ch, MigrationsPath).ApplyAsync();
}
