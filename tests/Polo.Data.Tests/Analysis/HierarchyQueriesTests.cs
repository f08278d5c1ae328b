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

    [Fact]
    public async Task Partial_day_ranges_bucket_the_hourly_trend_by_day()
    {
        // Oct 2 18:00 to Oct 3 06:00: 6 h on each day; the range's days are Oct 2 and Oct 3.
        var roots = await _q.ChildrenAsync("", TimeRange.Create(Oct(2, 18), Oct(3, 6)));
        var acme = roots.Single(n => n.NodeId == "customer:acme");
        Assert.Equal([Oct(2), Oct(3)], acme.Trend.Select(p => p.Bucket));
        Assert.Equal([9.60m, 10.20m], acme.Trend.Select(p => p.Cost)); // 6 h × 1.60 (r1, r2, r5), then 6 h × 1.70
        Assert.All(roots, n => Assert.Equal(n.Cost, n.Trend.Sum(p => p.Cost)));
    }

    [Fact]
    public async Task A_parent_that_is_not_a_node_id_has_no_children()
    {
        Assert.Empty(await _q.ChildrenAsync("not a node", Oct3));
        Assert.Empty(await _q.ChildrenAsync("index:acme/prod-1/logs", Oct3));
    }

    [Fact]
    public async Task A_page_of_children_is_the_first_by_cost_with_their_trends_and_the_total_count()
    {
        var page = await _q.ChildrenPageAsync("", Oct2To4, CostType.Amortized, limit: 1);
        Assert.Equal(2, page.Total);
        var acme = Assert.Single(page.Rows);
        Assert.Equal(("customer:acme", 79.20m), (acme.NodeId, acme.Cost)); // r1, r2 and r5: Oct 2 38.40 + Oct 3 40.80
        Assert.Equal([38.40m, 40.80m], acme.Trend.Select(p => p.Cost));
        var all = await _q.ChildrenPageAsync("", Oct2To4, CostType.Amortized, limit: 10);
        Assert.Equal(["customer:acme", "customer:globex"], all.Rows.Select(n => n.NodeId));
        Assert.Equal([0m, 24.00m], all.Rows[1].Trend.Select(p => p.Cost));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _q.ChildrenPageAsync("", Oct3, CostType.Amortized, limit: 0));
    }
}
