namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Builds the delta tree bottom-up from attributed resources, so every node's figures are exact sums of its children
/// and resources. Ordering: the largest unexplained amount first (to the cent), then the largest |delta|.
/// </summary>
internal static class DeltaTreeBuilder
{
    public sealed record Leaf(IReadOnlyList<PathStep> Path, ResourceDelta Resource);

    /// <summary>Resources that moved $0 with no part, summed by the engine for one node (not listed).</summary>
    public sealed record Quiet(IReadOnlyList<PathStep> Path, int Resources, decimal BaselineCost, decimal PeriodCost);

    public static List<DeltaNode> Build(IEnumerable<Leaf> leaves, IEnumerable<Quiet>? quiet = null) =>
        BuildLevel(leaves.ToList(), quiet?.ToList() ?? [], 0);

    private static List<DeltaNode> BuildLevel(List<Leaf> leaves, List<Quiet> quiet, int depth)
    {
        var nodes = new List<DeltaNode>();
        var moved = leaves.ToLookup(l => l.Path[depth].NodeId);
        var still = quiet.ToLookup(q => q.Path[depth].NodeId);
        var steps = leaves.Select(l => l.Path[depth]).Concat(quiet.Select(q => q.Path[depth])).DistinctBy(s => s.NodeId);
        foreach (var step in steps)
        {
            var group = moved[step.NodeId].ToList();
            var calm = still[step.NodeId].ToList();
            var here = group.Where(l => l.Path.Count == depth + 1).Select(l => l.Resource).ToList();
            var calmHere = calm.Where(q => q.Path.Count == depth + 1).ToList();
            var children = BuildLevel(group.Where(l => l.Path.Count > depth + 1).ToList(),
                calm.Where(q => q.Path.Count > depth + 1).ToList(), depth + 1);
            var baseline = children.Sum(c => c.BaselineCost) + here.Sum(r => r.BaselineCost) + calmHere.Sum(q => q.BaselineCost);
            var periodCost = children.Sum(c => c.PeriodCost) + here.Sum(r => r.PeriodCost) + calmHere.Sum(q => q.PeriodCost);
            var explained = children.Sum(c => c.Explained) + here.Sum(r => r.Explained);
            nodes.Add(new DeltaNode(step.NodeId, step.NodeType, step.Name, baseline, periodCost, explained, children,
                Order(here, r => r.Unexplained, r => r.Delta),
                children.Sum(c => c.UnchangedResources) + calmHere.Sum(q => q.Resources)));
        }
        return Order(nodes, n => n.Unexplained, n => n.Delta);
    }

    public static List<T> Order<T>(IEnumerable<T> items, Func<T, decimal> unexplained, Func<T, decimal> delta) =>
        items.OrderByDescending(i => Math.Round(Math.Abs(unexplained(i)), 2))
            .ThenByDescending(i => Math.Abs(delta(i)))
            .ToList();
}
