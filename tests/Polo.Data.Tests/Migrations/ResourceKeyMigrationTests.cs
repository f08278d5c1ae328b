using System.Globalization;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Demo;
using Polo.Data.Facts;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Migrations;

/// <summary>
/// Migrations 082 and 083: the per-resource daily facts move to a table ordered by resource_key
/// (cityHash64(resource_id)), each row with a second hash of its id (resource_check) and each key's id in
/// cost_resource_key (a Join-engine table in 083, a ReplacingMergeTree table read through a join since 085). A
/// database built before them, holding the 90-day demo estate, keeps every fact to the cent and gives the same
/// decomposition after them; the recreated views feed the new table, its identities and its ids; the
/// reconciliation rebuilds it; the scan's grouping follows the table's order and falls back to the rollup for ids it cannot name.
/// </summary>
public sealed class ResourceKeyMigrationTests
{
    private static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Month = TimeRange.Create(End.AddDays(-30), End);
    private static readonly TimeRange Week = TimeRange.Create(End.AddDays(-7), End);

    /// <summary>Every fact's sums per resource × identity × day, as text (a row order independent of the table's).</summary>
    private const string FactsDigest = """
        SELECT resource_id, identity_key, line_key, service, usage_type, customer, cluster, index_name, line_item_type, account_id,
               region, resource_type, billing_period, day, toString(max(pricing_unit)), max(has_commitment), sum(cost),
               sum(amortized_cost), sum(net_amortized_cost), round(sum(usage_amount), 6), round(sum(running_hours), 6),
               min(first_billed_hour), max(last_billed_hour)
        FROM cost_resource_daily
        GROUP BY ALL
        ORDER BY ALL
        """;

    [Fact]
    public async Task A_database_built_before_082_keeps_its_facts_and_its_decomposition()
    {
        using var schema = EarlierSchema.Before("082");
        await using var ch = await TestDatabase.CreateAsync("mig082", migrate: false);
        await schema.ApplyAsync(ch);
        await new DemoEstateGenerator(ch, null).GenerateAsync(new DemoEstateOptions(Days: 90, End: End));
        Assert.StartsWith("resource_id, line_key,", await SortKeyAsync(ch), StringComparison.Ordinal);
        var facts = await ch.QueryRawAsync(FactsDigest, "TSV");
        // The decomposition before: the rollup path (the facts path's answer on the old table, ResourceFactsTests).
        var before = await DecompositionsAsync(ch, resourceFacts: false);

        var result = await schema.UpgradeAsync(ch);
        Assert.Contains("082_cost_resource_daily_by_key.sql", result.Applied);

        Assert.Equal("resource_key, resource_id, identity_key, billing_period, day", await SortKeyAsync(ch));
        Assert.Equal(0, await ch.ScalarAsync<long>(
            "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'cost_resource_daily_by_key'"));
        Assert.Equal(0, await ch.ScalarAsync<long>("SELECT countIf(resource_key != cityHash64(resource_id)) FROM cost_resource_daily"));
        Assert.Equal(0, await ch.ScalarAsync<long>(Unnamed));
        Assert.Equal(await ch.ScalarAsync<long>("SELECT uniqExact(resource_id) FROM cost_resource_daily"),
            await ch.ScalarAsync<long>("SELECT count() FROM cost_resource_key FINAL"));
        Assert.Equal(facts, await ch.QueryRawAsync(FactsDigest, "TSV"));
        Assert.Equal(before, await DecompositionsAsync(ch, resourceFacts: true));

        // The recreated views: a new line reaches the facts (its keys computed) and its identity.
        await ch.ExecuteAsync("""
            INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount,
                                     pricing_unit, line_item_type, source)
            VALUES ('2026-10-31 05:00:00', '222', 'us-west-2', 'AmazonRDS', 'InstanceUsage:db.r5.large', 'db-082', 'rds_instance',
                    1.25, 1, 'Hrs', 'Usage', 'demo'),
                   ('2026-10-31 06:00:00', '222', 'us-west-2', 'AmazonRDS', 'InstanceUsage:db.r5.large', 'db-082', 'rds_instance',
                    1.25, 1, 'Hrs', 'Usage', 'demo')
            """);
        Assert.Equal("1\t2.5\t2\t2026-10-31 05:00:00", (await ch.QueryRawAsync("""
            SELECT count(), sum(cost), sum(running_hours), min(first_billed_hour) FROM cost_resource_daily
            WHERE resource_key = cityHash64('db-082') AND resource_id = 'db-082'
              AND identity_key IN (SELECT identity_key FROM cost_line_identity WHERE service = 'AmazonRDS' AND region = 'us-west-2')
            """, "TSV")).Trim());
        Assert.Equal(0, await ch.ScalarAsync<long>(Unnamed));
        Assert.Equal("db-082", await ch.ScalarAsync<string>("SELECT resource_id FROM cost_resource_key WHERE resource_key = cityHash64('db-082')"));

        // The reconciliation rebuilds lost facts in the new table to the same sums.
        await ch.ExecuteAsync("ALTER TABLE cost_resource_daily DELETE WHERE day >= '2026-10-20' SETTINGS mutations_sync = 2");
        await ResourceDailyFacts.ReconcileAsync(ch, End.AddDays(-12), End);
        var reconciled = await ch.QueryRawAsync(FactsDigest.Replace("GROUP BY ALL", "WHERE resource_id != 'db-082' GROUP BY ALL",
            StringComparison.Ordinal), "TSV");
        Assert.Equal(facts, reconciled);
    }

    [Fact]
    public async Task The_scan_reads_the_facts_in_the_order_of_their_key()
    {
        await using var ch = await TestDatabase.CreateAsync();
        await InstanceHoursAsync(ch, "2026-10-01 00:00:00", hours: 100, instances: 7);
        var plan = await ch.QueryRawAsync("""
            EXPLAIN PIPELINE
            SELECT resource_id, sum(cost) FROM cost_resource_daily WHERE day >= '2026-10-02' GROUP BY resource_key, resource_id
            SETTINGS optimize_aggregation_in_order = 1
            """, "TSV");
        Assert.Contains("AggregatingInOrderTransform", plan, StringComparison.Ordinal);
    }

    /// <summary>Facts whose id cost_resource_key does not give back for their key, or whose second hash is not their id's.</summary>
    private const string Unnamed = """
        SELECT countIf(k.resource_id != f.resource_id OR f.resource_check != xxHash64(f.resource_id))
        FROM cost_resource_daily AS f
        LEFT ANY JOIN cost_resource_key AS k ON k.resource_key = f.resource_key
        """;

    [Fact]
    public async Task The_scan_names_moved_resources_from_a_lasting_key_table_and_falls_back_without_it()
    {
        await using var ch = await TestDatabase.CreateAsync();
        // i-0 costs twice as much from its 31st day on; i-1 and i-2 do not move.
        await InstanceHoursAsync(ch, "2025-01-01 00:00:00", hours: 24 * 60, instances: 3,
            cost: "toDecimal64(if(number % 3 = 0 AND number > 24 * 30, 2, 1), 6) / 10");
        var month = TimeRange.Create(new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc));
        var decomposer = new DeltaDecomposer(ch);
        var named = await decomposer.DecomposeAsync(month.Previous(), month, Grouping.Customer);
        Assert.Equal(["i-0"], named.AllResources().Select(r => r.ResourceId).ToArray());

        // The key table survives a detach and attach, and re-inserting known resources leaves one row per key once
        // merged (migration 085: a ReplacingMergeTree table; the Join-engine table before it grew a file on disk).
        await InstanceHoursAsync(ch, "2025-03-05 00:00:00", hours: 48, instances: 3);
        Assert.Equal(3, await ch.ScalarAsync<long>("SELECT count() FROM cost_resource_key FINAL"));
        await ch.ExecuteAsync("OPTIMIZE TABLE cost_resource_key FINAL");
        await ch.ExecuteAsync("DETACH TABLE cost_resource_key");
        await ch.ExecuteAsync("ATTACH TABLE cost_resource_key");
        Assert.Equal("i-0 i-1 i-2", await ch.ScalarAsync<string>(
            "SELECT arrayStringConcat(groupArray(resource_id), ' ') FROM (SELECT resource_id FROM cost_resource_key ORDER BY resource_id)"));
        Assert.Equal("engine=ReplacingMergeTree", "engine=" + await ch.ScalarAsync<string>(
            "SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = 'cost_resource_key'"));

        // A moved resource whose id the key table lost: the decomposition reads the daily rollup, with the same answer.
        await ch.ExecuteAsync("TRUNCATE TABLE cost_resource_key");
        var unnamed = await decomposer.DecomposeAsync(month.Previous(), month, Grouping.Customer);
        Assert.Equal(["i-0"], unnamed.AllResources().Select(r => r.ResourceId).ToArray());
        Assert.Equal(named.Moved, unnamed.Moved);
        Assert.Equal(named.PeriodCost, unnamed.PeriodCost);
    }

    /// <summary>Hourly EC2 lines for instances i-0… i-(instances-1) in turn, one an hour from <paramref name="start"/>;
    /// <paramref name="cost"/> is an expression of <c>number</c>, the line's index.</summary>
    private static Task InstanceHoursAsync(IClickHouse ch, string start, int hours, int instances, string cost = "0.1") =>
        ch.ExecuteAsync($"""
            INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount,
                                     pricing_unit, line_item_type, source)
            SELECT toDateTime('{start}', 'UTC') + number * 3600, '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large',
                   concat('i-', toString(number % {instances})), 'ec2_instance', {cost}, 1, 'Hrs', 'Usage', 'demo'
            FROM numbers({hours})
            """);

    private static async Task<string> SortKeyAsync(IClickHouse ch) => await ch.ScalarAsync<string>(
        "SELECT sorting_key FROM system.tables WHERE database = currentDatabase() AND name = 'cost_resource_daily'") ?? "";

    /// <summary>Decompositions (month by customer, week by resource), as sorted text: totals, nodes,
    /// every resource with its parts, and the causes.</summary>
    private static async Task<List<string>> DecompositionsAsync(IClickHouse ch, bool resourceFacts)
    {
        var all = new List<string>();
        foreach (var (period, by) in new[] { (Month, Grouping.Customer), (Week, Grouping.Resource) })
        {
            var d = await new DeltaDecomposer(ch, resourceFacts: resourceFacts).DecomposeAsync(period.Previous(), period, by, costType: CostType.Amortized);
            all.Add($"{by.Kind} {D(d.BaselineCost)} {D(d.PeriodCost)} {D(d.Moved)} {D(d.UnexplainedMoved)}");
            all.AddRange(Nodes(d.Nodes).Order(StringComparer.Ordinal));
            all.AddRange(d.Causes.Select(c => $"{c.Cause}|{c.NodeId}|{D(c.Amount)}|{c.ResourceCount}|{c.Description}").Order(StringComparer.Ordinal));
        }
        return all;
    }

    private static IEnumerable<string> Nodes(IEnumerable<DeltaNode> nodes) => nodes.SelectMany(n =>
        Nodes(n.Children)
            .Concat(n.Resources.Select(r => $"{n.NodeId}|{r.ResourceId}|{D(r.BaselineCost)}|{D(r.PeriodCost)}|{r.Cause}|" +
                                            string.Join(";", r.CauseParts.Select(p => $"{p.Cause}:{D(p.Amount)}:{p.Evidence.Count}"))))
            .Prepend($"{n.NodeId}|{D(n.BaselineCost)}|{D(n.PeriodCost)}|{D(n.Explained)}|{n.UnchangedResources}"));

    private static string D(decimal d) => d.ToString("F6", CultureInfo.InvariantCulture);
}
