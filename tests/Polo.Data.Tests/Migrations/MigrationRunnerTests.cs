using Polo.Data.Migrations;

namespace Polo.Data.Tests.Migrations;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-migrations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void CopyShippedMigrations()
    {
        foreach (var f in Directory.GetFiles(TestEngine.MigrationsPath, "*.sql"))
            File.Copy(f, Path.Combine(_folder, Path.GetFileName(f)));
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(IClickHouse ch) =>
        (await ch.QueryAsync<NameRow>("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"))
        .Select(r => r.Name).ToList();

    private sealed record NameRow(string Name);

    [Fact]
    public async Task Fresh_database_gets_every_table_view_and_dictionary()
    {
        CopyShippedMigrations();
        await using var ch = await TestDatabase.CreateAsync(migrate: false);
        var result = await new MigrationRunner(ch, _folder).ApplyAsync();

        Assert.Equal(Directory.GetFiles(_folder, "*.sql").Length, result.Applied.Count);
        var tables = await TablesAsync(ch);
        foreach (var expected in new[] { "resource_events", "resource_snapshots", "cost_hourly", "cost_rollup_daily",
                     "cost_rollup_daily_mv", "resource_relationships", "hierarchy_nodes", "resource_ancestry",
                     "account_metadata", "customer_metadata", "account_dict", "customer_dict", "schema_migrations" })
            Assert.Contains(expected, tables);
    }

    [Fact]
    public async Task Rerun_applies_nothing_and_a_new_file_applies_alone()
    {
        CopyShippedMigrations();
        await using var ch = await TestDatabase.CreateAsync(migrate: false);
        var runner = new MigrationRunner(ch, _folder);
        await runner.ApplyAsync();

        var again = await runner.ApplyAsync();
        Assert.Empty(again.Applied);
        Assert.Equal(Directory.GetFiles(_folder, "*.sql").Length, again.AlreadyApplied.Count);

        await File.WriteAllTextAsync(Path.Combine(_folder, "999_extra.sql"),
            "CREATE TABLE IF NOT EXISTS extra (x UInt8) ENGINE = MergeTree ORDER BY x;\n");
        var third = await runner.ApplyAsync();
        Assert.Equal(["999_extra.sql"], third.Applied);
        Assert.Contains("extra", await TablesAsync(ch));
        var recorded = await ch.ScalarAsync<long>("SELECT count() FROM schema_migrations WHERE name = '999_extra.sql'");
        Assert.Equal(1, recorded);
    }

    [Fact]
    public async Task A_changed_applied_file_is_refused_with_its_name()
    {
        CopyShippedMigrations();
        await using var ch = await TestDatabase.CreateAsync(migrate: false);
        var runner = new MigrationRunner(ch, _folder);
        await runner.ApplyAsync();

        var target = Path.Combine(_folder, "001_resource_events.sql");
        await File.AppendAllTextAsync(target, "\n-- sneaky edit\n");
        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.ApplyAsync());
        Assert.Contains("001_resource_events.sql", error.Message);
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_is_not_recorded_and_reports_the_engine_message()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "001_ok.sql"), "CREATE TABLE IF NOT EXISTS ok (x UInt8) ENGINE = MergeTree ORDER BY x;\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "002_bad.sql"), "CREATE TABLE broken (x NoSuchType) ENGINE = MergeTree ORDER BY x;\n");
        await using var ch = await TestDatabase.CreateAsync(migrate: false);

        var error = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(ch, _folder).ApplyAsync());
        Assert.Contains("002_bad.sql", error.Message);
        Assert.Contains("NoSuchType", error.Message);
        var names = (await ch.QueryAsync<NameRow>("SELECT name FROM schema_migrations")).Select(r => r.Name).ToList();
        Assert.Equal(["001_ok.sql"], names);
    }

    [Theory]
    [InlineData("init.sql")]
    [InlineData("01-init.sql")]
    public void Badly_named_files_are_refused(string name)
    {
        File.WriteAllText(Path.Combine(_folder, name), "SELECT 1;");
        var error = Assert.Throws<MigrationException>(() => MigrationRunner.Load(_folder));
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Statements_split_on_line_ending_semicolons_only()
    {
        var parts = MigrationRunner.SplitStatements("-- header\nSELECT 'a;b';\nSELECT 2;\n\n");
        Assert.Equal(["SELECT 'a;b'", "SELECT 2"], parts);
    }
}
