using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis;

/// <summary>
/// The first billed hour under a node filter. Period Oct 1, baseline Oct 2 (the windows' first day is the period's, so
/// a resource first billed that day needs its hour, which whole-day sources know only to the day): i-retag ran under
/// acme from 10:00 and under globex from 14:00 to midnight at 1.00/h, then stopped. Filtered to globex, its first billed
/// hour is its first line there (14:00), as the hourly ledger has it, on every path: per-resource facts, daily rollup
/// (whose first-hour lookup once ignored the filter and said 10:00), hourly ledger.
/// </summary>
public sealed class FirstBilledHourFilterTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Period = TimeRange.Create(Oct1, Oct1.AddDays(1));
    private static readonly TimeRange Baseline = TimeRange.Create(Oct1.AddDays(1), Oct1.AddDays(2));
    private bool _written;

    private async Task WriteOnceAsync()
    {
        if (_written || await db.Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly") > 0) return;
        await new FixtureWriter()
            .Cost("i-retag", ResourceTypes.Instance, new Place("333333333333", "acme", "prod-1"), "AmazonEC2", "BoxUsage:m5.large",
                Oct1.AddHours(10), Oct1.AddHours(14), 1.00m)
            .Cost("i-retag", ResourceTypes.Instance, new Place("333333333333", "globex", "prod-1"), "AmazonEC2", "BoxUsage:m5.large",
                Oct1.AddHours(14), Oct1.AddDays(1), 1.00m)
            .Cost("i-steady", ResourceTypes.Instance, new Place("333333333333", "globex", "prod-1"), "AmazonEC2", "BoxUsage:m5.large",
                Oct1.AddDays(-3), Oct1.AddDays(2), 0.50m)
            .WriteAsync(db.Ch);
        _written = true;
    }

    /// <summary>Facts (default), daily rollup, hourly ledger.</summary>
    private static IEnumerable<DeltaDecomposer> Paths(IClickHouse ch) =>
        [new(ch), new(ch, resourceFacts: false), new(ch, useDailyRollup: false)];

    private static IEnumerable<ResourceDelta> Resources(IEnumerable<DeltaNode> nodes) =>
        nodes.SelectMany(n => n.Resources.Concat(Resources(n.Children)));

    [Fact]
    public async Task Under_a_node_filter_the_first_billed_hour_is_the_first_line_there_on_every_path()
    {
        await WriteOnceAsync();
        foreach (var decomposer in Paths(db.Ch))
        {
            var d = await decomposer.DecomposeAsync(Baseline, Period, Grouping.Cluster, new CostFilter(NodeId: "customer:globex"));
            var retag = Assert.Single(Resources(d.Nodes));
            Assert.Equal(("i-retag", CauseKind.Launched, 10.00m, 10.00m), (retag.ResourceId, retag.Cause, retag.Delta, retag.Explained));
            Assert.Equal(EvidenceTypes.FirstBilled, retag.Evidence[0].EventType);
            Assert.Equal("first billed 2026-10-01 14:00, no earlier history", retag.Evidence[0].Summary);
            Assert.Equal(1, d.Nodes.Sum(n => n.UnchangedResources));
        }
    }

    [Fact]
    public async Task Without_a_filter_the_whole_day_paths_take_the_resource_s_first_hour_over_all_its_lines()
    {
        await WriteOnceAsync();
        foreach (var decomposer in Paths(db.Ch).Take(2))
        {
            var d = await decomposer.DecomposeAsync(Baseline, Period, Grouping.Customer);
            var parts = Resources(d.Nodes).OrderBy(r => r.Delta).ToList();
            Assert.Equal([4.00m, 10.00m], parts.Select(r => r.Delta));
            Assert.All(parts, r => Assert.Equal(("i-retag", CauseKind.Launched, "first billed 2026-10-01 10:00, no earlier history"),
                (r.ResourceId, r.Cause, r.Evidence[0].Summary)));
        }
    }
}
