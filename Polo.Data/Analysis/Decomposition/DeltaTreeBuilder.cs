namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Builds the delta tree bottom-up from attributed resources, so every node's figures are exact sums of its children
/// and resources. Ordering: the largest unexplained amount first (to the cent), then the largest |delta|.
/// </summary>
internal static class DeltaTreeBuilder
{
    public sealed record Leaf(IReadOnlyList<PathStep> Path, ResourceDelta Resource);

    public static List<DeltaNode> Build(IEnumerable<Leaf> leaves) => BuildLevel(leaves.ToList(), 0);

    private static List<DeltaNode> BuildLevel(List<Leaf> leaves, int depth)
    {
        var nodes = new List<DeltaNode>();
        foreach (var group in leaves.GroupBy(l => l.Path[depth].NodeId))
        {
            var step = group.First().Path[depth];
            var here = group.Where(l => l.Path.Count == depth + 1).Select(l => l.Resource).ToList();
            var children = BuildLevel(group.Where(l => l.Path.Count > depth + 1).ToList(), depth + 1);
            var baseline = children.Sum(c => c.BaselineCost) + here.Sum(r => r.BaselineCost);
            var periodCost = children.Sum(c => c.PeriodCost) + here.Sum(r => r.PeriodCost);
            var explained = children.Sum(c => c.Explained) + here.Sum(r => r.Explained);
            nodes.Add(new DeltaNode(step.NodeId, step.NodeType, step.Name, baseline, periodCost, explained, children,
                Order(here, r => r.Unexplained, r => r.Delta)));
        }
        return Order(nodes, n => n.Unexplained, n => n.Delta);
    }

    public static List<T> Order<T>(IEnumerable<T> items, Func<T, decimal> unexplained, Func<T, decimal> delta) =>
        items.OrderByDescending(i => Math.Round(Math.Abs(unexplained(i)), 2))
            .ThenByDescending(i => Math.Abs(delta(i)))
            .ToList();
}
