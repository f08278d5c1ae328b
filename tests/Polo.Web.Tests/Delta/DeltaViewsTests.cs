using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Delta;

namespace Polo.Web.Tests.Delta;

/// <summary>What the delta pages derive from a decomposition: computed once per decomposition, in the pages' order.</summary>
public sealed class DeltaViewsTests
{
    private static readonly TimeRange Baseline = TimeRange.Create(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc));
    private static readonly TimeRange Period = TimeRange.Create(Baseline.End, Baseline.End.AddDays(1));

    private static ResourceDelta Resource(string id, decimal baseline, decimal period, decimal explained = 0) =>
        new(id, ResourceTypes.Instance, "111111111111", "AmazonEC2", baseline, period, CauseKind.Unexplained, explained, []);

    private static DeltaNode Node(string id, IReadOnlyList<DeltaNode> children, params ResourceDelta[] resources) =>
        new(id, id.Split(':')[0], id, 0, 0, 0, children, resources);

    private static readonly DeltaNode Search = Node("index:acme/search", [], Resource("i-big", 10, 40), Resource("i-same", 5, 5.001m));
    private static readonly DeltaNode Logs = Node("index:acme/logs", [], Resource("i-small", 10, 12));
    private static readonly DeltaNode Acme = Node("customer:acme", [Node("cluster:acme/prod", [Search, Logs])]);
    private static readonly DeltaNode Wayne = Node("customer:wayne", [], Resource("i-attributed", 3, 3, explained: 1));

    private static DeltaDecomposition Decomposition() => new(Baseline, Period, Grouping.Customer, 0, 0, [Acme, Wayne],
    [
        new CauseSummary(CauseKind.Unexplained, "customer:wayne", "small", 1, 1, ["i-attributed"]),
        new CauseSummary(CauseKind.Unexplained, "customer:acme", "big", -30, 1, ["i-big"]),
        new CauseSummary(CauseKind.Resized, "customer:acme", "resized", 50, 1, ["i-big"]),
    ]);

    [Fact]
    public void The_tree_is_walked_each_node_before_its_children()
    {
        Assert.Equal(["customer:acme", "cluster:acme/prod", "index:acme/search", "index:acme/logs", "customer:wayne"],
            DeltaTree.All([Acme, Wayne]).Select(n => n.NodeId));
    }

    [Fact]
    public void Each_list_is_computed_once_per_decomposition()
    {
        var d = Decomposition();
        Assert.Same(DeltaViews.NodesById(d), DeltaViews.NodesById(d));
        Assert.Same(DeltaViews.CausesInOrder(d), DeltaViews.CausesInOrder(d));
        Assert.Same(DeltaViews.MovedResources(d, null), DeltaViews.MovedResources(d, null));
        Assert.Same(DeltaViews.MovedResources(d, Search), DeltaViews.MovedResources(d, Search));
        // Another decomposition (a newer data version) gets its own.
        Assert.NotSame(DeltaViews.MovedResources(d, null), DeltaViews.MovedResources(Decomposition(), null));
    }

    [Fact]
    public void The_lists_are_in_the_pages_order()
    {
        var d = Decomposition();
        Assert.Equal(5, DeltaViews.NodesById(d).Count);
        Assert.Same(Search, DeltaViews.NodesById(d)["index:acme/search"]);
        // Unexplained first, then by size.
        Assert.Equal(["big", "small", "resized"], DeltaViews.CausesInOrder(d).Select(c => c.Description));
        // Moved to the cent (i-same moved a tenth of a cent) or carrying an attributed amount; unexplained first.
        Assert.Equal(["i-big", "i-small", "i-attributed"], DeltaViews.MovedResources(d, null).Select(r => r.ResourceId));
        Assert.Equal(["i-big"], DeltaViews.MovedResources(d, Search).Select(r => r.ResourceId));
    }
}
