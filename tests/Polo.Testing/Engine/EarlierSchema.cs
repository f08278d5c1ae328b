using Polo.Data;
using Polo.Data.Migrations;

namespace Polo.Testing;

/// <summary>
/// The schema as it was before one migration, for upgrade tests: the migrations numbered below it copied to a folder
/// of their own. <see cref="ApplyAsync"/> builds a database with them; <see cref="UpgradeAsync"/> then adds every
/// later migration and applies them as a running app would. Disposing it deletes the folder.
/// <code>using var schema = EarlierSchema.Before("084"); await schema.ApplyAsync(ch); … await schema.UpgradeAsync(ch);</code>
/// </summary>
public sealed class EarlierSchema : IDisposable
{
    private readonly string _folder;

    private EarlierSchema(string number)
    {
        _folder = Directory.CreateTempSubdirectory($"polo-mig{number}-").FullName;
        foreach (var f in Directory.GetFiles(TestEngine.MigrationsPath, "*.sql")
                     .Where(f => string.CompareOrdinal(Path.GetFileName(f), number) < 0))
            File.Copy(f, Path.Combine(_folder, Path.GetFileName(f)));
    }

    /// <summary>The migrations whose file names sort before <paramref name="number"/> (e.g. "084").</summary>
    public static EarlierSchema Before(string number) => new(number);

    /// <summary>Applies the earlier migrations to <paramref name="ch"/> (a database created without migrating).</summary>
    public Task<MigrationResult> ApplyAsync(IClickHouse ch) => new MigrationRunner(ch, _folder).ApplyAsync();

    /// <summary>Adds every later migration to the folder and applies them: what an upgraded app does at start.</summary>
    public Task<MigrationResult> UpgradeAsync(IClickHouse ch)
    {
        foreach (var f in Directory.GetFiles(TestEngine.MigrationsPath, "*.sql"))
            File.Copy(f, Path.Combine(_folder, Path.GetFileName(f)), overwrite: true);
        return new MigrationRunner(ch, _folder).ApplyAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
