namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Builds the delta tree bottom-up from attributed resources, so every node's figures are exact sums of its children
/// and resources. Ordering: the largest unexplained amount first (to the cent), then the largest |delta| (ties keep the
/// order in which nodes first appear: moved resources first, then the unchanged sums). One pass files every resource
/// and unchanged sum under its path, then one walk builds the nodes (tens of thousands of nodes at ~100k resources:
/// few allocations, so no collections while it runs).
/// </summary>
internal static class DeltaTreeBuilder
{
    public sealed record Leaf(IReadOnlyList<PathStep> Path, ResourceDelta Resource);

    /// <summary>Resources that moved $0 with no part, summed by the engine for one node (not listed).</summary>
    public sealed record Quiet(IReadOnlyList<PathStep> Path, int Resources, decimal BaselineCost, decimal PeriodCost);

    /// <summary>A node while the tree is filed: its resources, its unchanged sums and its children in first-seen order.</summary>
    private sealed class Slot(PathStep step)
    {
        public PathStep Step { get; } = step;
        public List<ResourceDelta>? Here;
        public decimal QuietBaseline, QuietPeriod;
        public int QuietResources;
        public readonly List<Slot> Children = [];
        private Dictionary<string, Slot>? _byId;

        public Slot Child(PathStep s)
        {
            if (_byId is null)
            {
                // Most nodes have a handful of children: a list scan before a dictionary.
                foreach (var c in Children) if (c.Step.NodeId == s.NodeId) return c;
                if (Children.Count >= 8) _byId = Children.ToDictionary(c => c.Step.NodeId);
            }
            if (_byId is not null && _byId.TryGetValue(s.NodeId, out var found)) return found;
            var slot = new Slot(s);
            Children.Add(slot);
            _byId?.Add(s.NodeId, slot);
            return slot;
        }
    }

    public static List<DeltaNode> Build(IEnumerable<Leaf> leaves, IEnumerable<Quiet>? quiet = null)
    {
        var root = new Slot(new PathStep("", "", ""));
        foreach (var l in leaves) (Walk(root, l.Path).Here ??= []).Add(l.Resource);
        foreach (var q in quiet ?? [])
        {
            var slot = Walk(root, q.Path);
            slot.QuietBaseline += q.BaselineCost;
            slot.QuietPeriod += q.PeriodCost;
            slot.QuietResources += q.Resources;
        }
        return Nodes(root);
    }

    private static Slot Walk(Slot root, IReadOnlyList<PathStep> path)
    {
        var slot = root;
        for (var i = 0; i < path.Count; i++) slot = slot.Child(path[i]);
        return slot;
    }

    private static List<DeltaNode> Nodes(Slot parent)
    {
        var nodes = new List<DeltaNode>(parent.Children.Count);
        foreach (var s in parent.Children)
        {
            var children = Nodes(s);
            var here = s.Here ?? [];
            decimal baseline = s.QuietBaseline, periodCost = s.QuietPeriod, explained = 0;
            var unchanged = s.QuietResources;
            foreach (var c in children)
            {
                baseline += c.BaselineCost;
                periodCost += c.PeriodCost;
                explained += c.Explained;
                unchanged += c.UnchangedResources;
            }
            foreach (var r in here)
            {
                baseline += r.BaselineCost;
                periodCost += r.PeriodCost;
                explained += r.Explained;
            }
            nodes.Add(new DeltaNode(s.Step.NodeId, s.Step.NodeType, s.Step.Name, baseline, periodCost, explained, children,
                here.Count == 0 ? [] : Order(here, r => r.Unexplained, r => r.Delta), unchanged));
        }
        return nodes.Count < 2 ? nodes : Order(nodes, n => n.Unexplained, n => n.Delta);
    }

    public static List<T> Order<T>(IEnumerable<T> items, Func<T, decimal> unexplained, Func<T, decimal> delta) =>
        items.OrderByDescending(i => Math.Round(Math.Abs(unexplained(i)), 2))
            .ThenByDescending(i => Math.Abs(delta(i)))
            .ToList();
}
