using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Vocabulary;
using static Polo.Data.Tests.Analysis.Fixtures.CostScenario;

namespace Polo.Data.Tests.Analysis;

public sealed class CostQueriesTests(CostScenario scenario) : IClassFixture<CostScenario>
{
    private readonly CostQueries _q = new(scenario.Ch);

    [Fact]
    public async Task Extent_reports_first_and_last_hour_and_counts()
    {
        var e = await _q.ExtentAsync();
        Assert.Equal(Sep30, e.FirstHour);
        Assert.Equal(Oct(3, 23), e.LastHour);
        Assert.Equal(72 + 48 + 12 + 96 + 48, e.CostRows);
        Assert.Equal(1, e.Events);
    }

    [Fact]
    public async Task Every_grouping_keys_its_groups_with_node_ids_of_its_node_kind()
    {
        var range = TimeRange.Create(Oct(1), Oct(4));
        foreach (var by in Grouping.Fixed)
        {
            var groups = await _q.BreakdownAsync(range, by);
            Assert.NotEmpty(groups);
            foreach (var g in groups)
            {
                Assert.True(NodeId.TryParse(g.Key, out var node), $"{by}: '{g.Key}' is not a node id");
                // Hierarchy groupings fall back to the parent level (or unassigned) for cost without the deeper level.
                var allowed = by.Kind switch
                {
                    GroupingKind.Customer => new[] { NodeKinds.Customer, NodeKinds.Unassigned },
                    GroupingKind.Cluster => [NodeKinds.Cluster, NodeKinds.Customer, NodeKinds.Unassigned],
                    GroupingKind.Index => [NodeKinds.Index, NodeKinds.Cluster, NodeKinds.Customer, NodeKinds.Unassigned],
                    _ => [by.NodeKind],
                };
                Assert.Contains(node.Kind, allowed);
            }
        }
    }

    [Fact]
    public async Task Total_over_whole_days_and_partial_days()
    {
        Assert.Equal(145.20m, await _q.TotalAsync(TimeRange.Create(Oct(1), Oct(4))));
        // Oct 3 12:00 – Oct 4: 12 h × (1.00 + 0.50 + 2.00 + 0.25 + 0.20)
        Assert.Equal(47.40m, await _q.TotalAsync(TimeRange.Create(Oct(3, 12), Oct(4))));
    }

    [Fact]
    public async Task Total_respects_node_role_and_service_filters()
    {
        var range = TimeRange.Create(Oct(1), Oct(4));
        Assert.Equal(103.20m, await _q.TotalAsync(range, new CostFilter(NodeId: "customer:acme")));
        Assert.Equal(31.20m, await _q.TotalAsync(range, new CostFilter(NodeId: "index:acme/prod-1/search")));
        Assert.Equal(24.00m, await _q.TotalAsync(range, new CostFilter(AccountRole: "development")));
        Assert.Equal(24.00m, await _q.TotalAsync(range, new CostFilter(Service: "AmazonEBS")));
        Assert.Equal(18.00m, await _q.TotalAsync(range, new CostFilter(NodeId: "unassigned")));
        Assert.Equal(0m, await _q.TotalAsync(range, new CostFilter(NodeId: "customer:x' OR 1=1 --")));
    }

    [Fact]
    public async Task Daily_series_has_a_point_for_every_day_including_empty_ones()
    {
        var points = await _q.DailyAsync(TimeRange.Create(Sep30.AddDays(-1), Oct(4)));
        Assert.Equal([0m, 6.00m, 30.00m, 44.40m, 70.80m], points.Select(p => p.Cost));
        Assert.Equal(Sep30.AddDays(-1), points[0].Bucket);
    }

    [Fact]
    public async Task Hourly_series_reads_the_ledger()
    {
        var points = await _q.HourlyAsync(TimeRange.Create(Oct(3, 10), Oct(3, 14)));
        Assert.Equal([1.95m, 1.95m, 3.95m, 3.95m], points.Select(p => p.Cost));
        Assert.Equal(Oct(3, 12), points[2].Bucket);
    }

    [Fact]
    public async Task Daily_by_keeps_the_top_groups_and_folds_the_rest_into_other()
    {
        var series = await _q.DailyByAsync(TimeRange.Create(Oct(2), Oct(4)), Grouping.Customer, top: 1);
        Assert.Equal(["customer:acme", "other"], series.Select(s => s.Key));
        Assert.Equal("acme", series[0].Label);
        Assert.Equal([38.40m, 40.80m], series[0].Points.Select(p => p.Cost));
        Assert.Equal([6.00m, 30.00m], series[1].Points.Select(p => p.Cost));
    }

    [Fact]
    public async Task Breakdown_compares_each_group_with_the_previous_range()
    {
        var range = TimeRange.Create(Oct(3), Oct(4));
        var byCustomer = await _q.BreakdownAsync(range, Grouping.Customer);
        Assert.Equal(
            [("customer:acme", 40.80m, 38.40m), ("customer:globex", 24.00m, 0m), ("unassigned", 6.00m, 6.00m)],
            byCustomer.Select(g => (g.Key, g.Cost, g.PreviousCost)));

        var byAccount = await _q.BreakdownAsync(range, Grouping.Account);
        Assert.Equal([("prod-search", 46.80m, 44.40m), ("dev-tools", 24.00m, 0m)], byAccount.Select(g => (g.Label, g.Cost, g.PreviousCost)));

        var byIndex = await _q.BreakdownAsync(range, Grouping.Index, new CostFilter(NodeId: "customer:acme"));
        Assert.Equal([("index:acme/prod-1/logs", 24.00m), ("index:acme/prod-1/search", 16.80m)], byIndex.Select(g => (g.Key, g.Cost)));
    }

    [Fact]
    public async Task Kpis_take_unexplained_from_the_decomposition()
    {
        var k = await _q.KpisAsync(TimeRange.Create(Oct(3), Oct(4)));
        Assert.Equal(70.80m, k.Cost);
        Assert.Equal(44.40m, k.PreviousCost);
        Assert.Equal(26.40m, k.Delta);
        Assert.Equal(0m, k.Unexplained); // r5's price change is a rate change (same usage, 0.10 → 0.20/h)
        Assert.Equal(["customer:globex", "customer:acme"], k.TopMovers.Select(m => m.Key));
    }
}
