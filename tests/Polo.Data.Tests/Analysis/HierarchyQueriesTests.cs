using Polo.Data.Analysis;
using Polo.Data.Analysis.Hierarchy;
using Polo.Data.Tests.Analysis.Fixtures;
using static Polo.Data.Tests.Analysis.Fixtures.CostScenario;

namespace Polo.Data.Tests.Analysis;

public sealed class HierarchyQueriesTests(CostScenario scenario) : IClassFixture<CostScenario>
{
    private readonly HierarchyQueries _q = new(scenario.Ch);
    private static readonly TimeRange Oct3 = TimeRange.Create(Oct(3), Oct(4));
    private static readonly TimeRange Oct2To4 = TimeRange.Create(Oct(2), Oct(4));

    [Fact]
    public async Task Roots_are_customers_with_cost_previous_cost_and_child_count()
    {
        var roots = await _q.ChildrenAsync("", Oct3);
        Assert.Equal(
            [("customer:acme", 40.80m, 38.40m, 1), ("customer:globex", 24.00m, 0m, 1)],
            roots.Select(n => (n.NodeId, n.Cost, n.PreviousCost, n.ChildCount)));
    }

    [Fact]
    public async Task Children_of_a_cluster_are_its_indexes_with_a_daily_trend()
    {
        var indexes = await _q.ChildrenAsync("cluster:acme/prod-1", Oct2To4);
        Assert.Equal(["index:acme/prod-1/logs", "index:acme/prod-1/search"], indexes.Select(n => n.NodeId));
        Assert.Equal([24.00m, 24.00m], indexes[0].Trend.Select(p => p.Cost));
        // search: r2 0.50/h both days, r5 0.10/h then 0.20/h
        Assert.Equal([14.40m, 16.80m], indexes[1].Trend.Select(p => p.Cost));
        Assert.Equal([Oct(2), Oct(3)], indexes[1].Trend.Select(p => p.Bucket));
        Assert.Equal(0, indexes[1].ChildCount);
        Assert.Equal("cluster:acme/prod-1", indexes[1].ParentId);
    }

    [Fact]
    public async Task Node_reads_one_node_and_returns_null_for_unknown_ids()
    {
        var node = await _q.NodeAsync("cluster:globex/c1", Oct3);
        Assert.NotNull(node);
        Assert.Equal(("c1", "cluster", 24.00m, 0m, 24.00m), (node.Name, node.NodeType, node.Cost, node.PreviousCost, node.Delta));
        Assert.Null(await _q.NodeAsync("cluster:nobody/none", Oct3));
    }

    [Fact]
    public async Task Path_runs_from_the_root_down_to_the_node()
    {
        var path = await _q.PathAsync("index:acme/prod-1/search", Oct3);
        Assert.Equal(["customer:acme", "cluster:acme/prod-1", "index:acme/prod-1/search"], path.Select(n => n.NodeId));
        Assert.Equal([40.80m, 40.80m, 16.80m], path.Select(n => n.Cost));
    }

    [Fact]
    public async Task Partial_day_ranges_read_the_hourly_ledger()
    {
        var node = await _q.NodeAsync("customer:globex", TimeRange.Create(Oct(3, 18), Oct(4)));
        Assert.Equal(12.00m, node!.Cost); // 6 h × 2.00
        Assert.Equal(12.00m, node.PreviousCost); // Oct 3 12:00–18:00
    }
}
