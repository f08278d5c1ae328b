using System.Globalization;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;
using Xunit.Abstractions;

namespace Polo.Data.Tests.Analysis;

/// <summary>
/// The per-resource daily facts (migration 080, kept by a materialized view over the hourly ledger) and the
/// decomposition that reads them, on the 90-day demo estate with its commitments, fees and lifecycle causes: the facts
/// hold the ledger to the cent, and the new path (moved resources found by one GROUP BY resource_id over the facts,
/// then only their lines) gives the old rollup path's answer — totals, nodes, every resource's parts with their
/// evidence, and the causes — exactly.
/// </summary>
public sealed class ResourceFactsTests(Demo90Estate demo, ITestOutputHelper output) : IClassFixture<Demo90Estate>
{
    private static readonly TimeRange Month = TimeRange.Create(Demo90Estate.End.AddDays(-30), Demo90Estate.End);
    private static readonly TimeRange Week = TimeRange.Create(Demo90Estate.End.AddDays(-7), Demo90Estate.End);
    private static readonly TimeRange EarlyWeek = TimeRange.Create(Demo90Estate.End.AddDays(-60), Demo90Estate.End.AddDays(-53));

    [Fact]
    public async Task The_facts_hold_the_ledger_to_the_cent()
    {
        var rows = await demo.Ch.ScalarAsync<long>("SELECT count() FROM cost_resource_daily");
        Assert.True(rows > 10_000, $"the facts hold {rows} rows");
        // Every resource × line × day: each sum, running hours and the first and last billed hour, against the ledger.
        var differing = await demo.Ch.ScalarAsync<long>("""
            SELECT count() FROM
            (
                SELECT resource_id, service, usage_type, customer, cluster, index_name, line_item_type, toDate(hour) AS d,
                       sum(cost) AS c, sum(amortized_cost) AS a, sum(net_amortized_cost) AS n, sum(usage_amount) AS u,
                       sumIf(usage_amount, lower(pricing_unit) IN ('hrs', 'hr', 'hours', 'hour')) AS h,
                       min(hour) AS f, max(hour) AS l
                FROM cost_hourly GROUP BY resource_id, service, usage_type, customer, cluster, index_name, line_item_type, d
            ) AS ledger
            FULL OUTER JOIN
            (
                SELECT resource_id, service, usage_type, customer, cluster, index_name, line_item_type, day AS d,
                       sum(cost) AS c, sum(amortized_cost) AS a, sum(net_amortized_cost) AS n, sum(usage_amount) AS u,
                       sum(running_hours) AS h, min(first_billed_hour) AS f, max(last_billed_hour) AS l
                FROM cost_resource_daily GROUP BY resource_id, service, usage_type, customer, cluster, index_name, line_item_type, d
            ) AS facts USING (resource_id, service, usage_type, customer, cluster, index_name, line_item_type, d)
            WHERE ledger.c != facts.c OR ledger.a != facts.a OR ledger.n != facts.n OR abs(ledger.u - facts.u) > 1e-9
               OR abs(ledger.h - facts.h) > 1e-9 OR ledger.f != facts.f OR ledger.l != facts.l
            SETTINGS join_use_nulls = 1
            """);
        Assert.Equal(0, differing);
        var lineKeys = await demo.Ch.ScalarAsync<long>("""
            SELECT count() FROM (SELECT line_key FROM cost_resource_daily
            GROUP BY line_key HAVING uniqExact(service, usage_type, customer, cluster, index_name, line_item_type) > 1)
            """);
        Assert.Equal(0, lineKeys);
        // Migration 081: every row's identity_key names its nine strings, and cost_line_identity knows each key's.
        var identities = await demo.Ch.ScalarAsync<long>("""
            SELECT countIf(identity_key != cityHash64(service, usage_type, customer, cluster, index_name, line_item_type,
                                                      account_id, region, resource_type)
                           OR identity_key NOT IN (SELECT identity_key FROM cost_line_identity))
            FROM cost_resource_daily
            """);
        Assert.Equal(0, identities);
    }

    public static TheoryData<string, string, CostType, string?> Cases => new()
    {
        { "month", "customer", CostType.Amortized, null },
        { "month", "customer", CostType.Unblended, "customer:acme" },
        { "month", "account", CostType.NetAmortized, null },
        { "week", "service", CostType.Amortized, null },
        { "week", "resource", CostType.Amortized, null },
        { "early-week", "cluster", CostType.Amortized, null },
        { "early-week", "resource_type", CostType.Unblended, null },
        { "month", "usage_type", CostType.Amortized, null },
        { "month", "account_role", CostType.Amortized, null },
        { "week", "region", CostType.NetAmortized, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_facts_path_gives_the_rollup_answer_with_the_same_evidence(string window, string by, CostType type, string? node)
    {
        var period = window switch { "month" => Month, "week" => Week, _ => EarlyWeek };
        Assert.True(Grouping.TryParse(by, out var grouping));
        var filter = node is null ? null : new CostFilter(NodeId: node);
        var profile = new DecompositionProfile();
        var rollup = await new DeltaDecomposer(demo.Ch, resourceFacts: false).DecomposeAsync(period.Previous(), period, grouping, filter, type);
        var facts = await new DeltaDecomposer(demo.Ch, profile: profile).DecomposeAsync(period.Previous(), period, grouping, filter, type);

        Assert.Equal((rollup.BaselineCost, rollup.PeriodCost, rollup.Moved, rollup.UnexplainedMoved),
            (facts.BaselineCost, facts.PeriodCost, facts.Moved, facts.UnexplainedMoved));
        // Tree order among equal amounts follows the engine's row order, in either path: compare as sets.
        var (expectedNodes, actualNodes) = (Nodes(rollup.Nodes).Order().ToList(), Nodes(facts.Nodes).Order().ToList());
        foreach (var n in expectedNodes.Except(actualNodes).Concat(actualNodes.Except(expectedNodes)).Take(5)) output.WriteLine($"node differs: {n}");
        Assert.Equal(expectedNodes, actualNodes);
        var expected = Leaves(rollup.Nodes).Order().ToList();
        var actual = Leaves(facts.Nodes).Order().ToList();
        foreach (var missing in expected.Except(actual).Concat(actual.Except(expected)).Take(5)) output.WriteLine($"differs: {missing}");
        Assert.Equal(expected, actual);
        Assert.Equal(rollup.Causes.Select(Cause).Order(), facts.Causes.Select(Cause).Order());
        Assert.True(expected.Count > 0 && rollup.Nodes.Sum(n => n.UnchangedResources) > 0, "some resources moved and some did not");
        Assert.Equal(expected.Count, profile.Classified);
        // Both routes of the facts path ran on the whole estate: moved single-line resources shipped whole by the scan,
        // the others' lines read again.
        Assert.InRange(profile.ShippedWhole, node is null ? 1 : 0, node is null ? profile.Classified - 1 : profile.Classified);
        output.WriteLine($"{by} {window}: {expected.Count} resources classified, {rollup.Nodes.Sum(n => n.UnchangedResources)} unchanged, " +
                         $"{facts.Causes.Count} causes, delta {facts.Delta:N2}; {profile.LinesShipped} lines shipped");
    }

    private static List<string> Nodes(IEnumerable<DeltaNode> nodes) =>
        nodes.SelectMany(n => Nodes(n.Children).Prepend($"{n.NodeId}|{n.Name}|{D(n.BaselineCost)}|{D(n.PeriodCost)}|{D(n.Explained)}|{n.UnchangedResources}|{n.Resources.Count}"))
            .ToList();

    /// <summary>Every listed resource, in tree order, with its parts, their figures and evidence.</summary>
    private static IEnumerable<string> Leaves(IEnumerable<DeltaNode> nodes) => nodes.SelectMany(n =>
        n.Resources.Select(r => $"{n.NodeId}|{r.ResourceId}|{r.ResourceType}|{r.AccountId}|{r.Service}|{D(r.BaselineCost)}|{D(r.PeriodCost)}|{r.Cause}|{D(r.Explained)}|" +
                                string.Join(";", r.Evidence.Select(Evidence)) + "|" +
                                string.Join(";", r.CauseParts.Select(p => $"{p.Cause}:{D(p.Amount)}:{Figures(p.Figures)}:{string.Join(",", p.Evidence.Select(Evidence))}")))
            .Concat(Leaves(n.Children)));

    /// <summary>An amount to 6 decimals whatever the decimal's scale (1.5 and 1.500000 are the same amount).</summary>
    private static string D(decimal d) => d.ToString("F6", CultureInfo.InvariantCulture);

    private static string Figures(UsageFigures? f) => f is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"{f.BaselineUsage:R} {f.PeriodUsage:R} {f.Unit} {D(f.BaselineCost)} {D(f.PeriodCost)} {f.On:O} {f.Until:O}");

    private static string Evidence(Evidence e) => $"{e.Time:O} {e.ResourceId} {e.EventType} {e.Summary} {e.EventId}";

    private static string Cause(CauseSummary c) => $"{c.Cause}|{c.NodeId}|{D(c.Amount)}|{c.ResourceCount}|{c.Description}|{string.Join(",", c.ResourceIds)}";
}
