using System.Security.Cryptography;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Cost.Ledger;
using Polo.Collection.Cost.Tagging;
using Polo.Data;
using Polo.Data.Migrations;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// An existing database upgrades: one built the way the per-file CUR ingest wrote it before migrations 021–022 (every
/// line item type summed as unblended 'Usage', files marked processed in cost_ingest_files) migrates, its CUR is
/// re-read despite the processed-file marks, and the totals per month and per line item type then match the files.
/// </summary>
public sealed class CurUpgradeTests : IAsyncLifetime
{
    private static readonly DateTime Feb = new(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Mar = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur-upgrade-").FullName;
    private readonly string _oldMigrations = Directory.CreateTempSubdirectory("polo-migrations-020-").FullName;
    private TestDatabase _ch = null!;

    public async Task InitializeAsync()
    {
        _ch = await TestDatabase.CreateAsync(migrate: false);
        foreach (var f in Directory.EnumerateFiles(TestEngine.MigrationsPath, "*.sql").Where(f => !NewerThanTheOldIngest(Path.GetFileName(f))))
            File.Copy(f, Path.Combine(_oldMigrations, Path.GetFileName(f)));
    }

    /// <summary>Migrations 021 and 022 came with the engine ingest (022 retypes a column 021 adds).</summary>
    private static bool NewerThanTheOldIngest(string name) =>
        name.StartsWith("021_", StringComparison.Ordinal) || name.StartsWith("022_", StringComparison.Ordinal);

    public async Task DisposeAsync()
    {
        await _ch.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_oldMigrations, recursive: true);
    }

    private static List<CurLine> Month(DateTime month) =>
    [
        new(month.AddHours(1), "i-0aaa", 10m, Customer: "acme"),
        new(month.AddHours(2), "i-0aaa", 10m, Customer: "acme"),
        new(month.AddHours(2), "i-0bbb", 4m, Type: "SavingsPlanCoveredUsage"),
        new(month.AddHours(2), "i-0bbb", -4m, Type: "SavingsPlanNegation"),
        new(month.AddHours(5), "", 2.25m, Type: "Tax", UsageType: ""),
        new(month.AddHours(5), "", -1.5m, Type: "Credit", UsageType: ""),
        new(month.AddDays(3), "vol-0ccc", 0.054794m, UsageType: "EBS:VolumeUsage.gp3"),
    ];

    /// <summary>What the per-file ingest wrote for a file: lines mapped to the vocabulary, every type as 'Usage'.</summary>
    private async Task WriteTheOldWayAsync(string path, IEnumerable<CurLine> lines)
    {
        var ledger = new CostLedger(_ch);
        var batch = CostLedger.NewBatchId("cur");
        var costLines = lines.Select(l =>
        {
            var usageType = CostVocabulary.UsageType(l.UsageType);
            var identity = HierarchyTagResolver.Resolve(l.Customer is null ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["user_polo_customer"] = l.Customer }, new HierarchyTagKeys());
            return new CostLine(l.Hour, l.Account, "us-east-1", CostVocabulary.Service("AmazonEC2", usageType), usageType, l.Resource,
                CostVocabulary.ResourceType(l.Resource), identity.Customer, identity.Cluster, identity.IndexName, l.Cost, 1);
        }).ToList();
        await ledger.StageAsync(batch, costLines, default);
        await ledger.ApplyDifferenceAsync(batch, "cur", yieldToSource: null, default);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        await _ch.ExecuteAsync("""
            INSERT INTO cost_ingest_files (source, file_name, sha256, line_count, rows_written, processed_at)
            VALUES ('cur', {name:String}, {sha:String}, {n:UInt64}, {n:UInt64}, now64(3))
            """, new QueryParams { ["name"] = Path.GetFileName(path), ["sha"] = sha, ["n"] = costLines.Count });
    }

    [Fact]
    public async Task An_old_database_migrates_and_its_cur_is_re_read_so_totals_per_month_and_line_item_type_match_the_files()
    {
        await new MigrationRunner(_ch, _oldMigrations).ApplyAsync();
        foreach (var month in new[] { Feb, Mar })
        {
            var path = Path.Combine(_folder, $"cur-{month:yyyy-MM}.csv.gz");
            CurExports.Cur2(Month(month)).WriteCsvGz(path);
            await WriteTheOldWayAsync(path, Month(month));
        }
        // Today's ledger: totals right, but every line item type is 'Usage'.
        Assert.Equal(0, await _ch.ScalarAsync<long>("SELECT count() FROM cost_hourly WHERE line_item_type != 'Usage'"));

        var migrated = await new MigrationRunner(_ch, TestEngine.MigrationsPath).ApplyAsync();
        Assert.Contains("021_cur_engine_ingest.sql", migrated.Applied);
        await new CurCollector(_ch, new CurOptions { Folder = _folder }).RunAsync(new CollectorScope("*", "us-east-1", null), default);

        var expected = new[] { Feb, Mar }.SelectMany(m => Month(m)).GroupBy(l => $"{l.Hour:yyyy-MM}|{l.Type}")
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Cost));
        var ledger = (await _ch.QueryAsync<Total>("""
                SELECT concat(formatDateTime(billing_period, '%Y-%m'), '|', toString(line_item_type)) AS k, toDecimal64(sum(cost), 6) AS cost
                FROM cost_hourly GROUP BY k HAVING cost != 0 ORDER BY k
                """)).ToDictionary(t => t.K, t => t.Cost);
        var rollup = (await _ch.QueryAsync<Total>("""
                SELECT concat(formatDateTime(billing_period, '%Y-%m'), '|', toString(line_item_type)) AS k, toDecimal64(sum(cost), 6) AS cost
                FROM cost_rollup_daily GROUP BY k HAVING cost != 0 ORDER BY k
                """)).ToDictionary(t => t.K, t => t.Cost);
        Assert.Equal(expected, ledger);
        Assert.Equal(expected, rollup);
        Assert.Equal(0m, await _ch.ScalarAsync<decimal>("SELECT toDecimal64(sum(cost), 6) FROM cost_hourly WHERE cur_export = ''"));
        Assert.Equal(0m, await _ch.ScalarAsync<decimal>("SELECT toDecimal64(sum(cost), 6) FROM cost_hourly WHERE resource_id = 'i-0aaa' AND customer = 'acme' AND line_item_type = 'Usage'") - 40m);
    }

    private sealed record Total(string K, decimal Cost);
}
