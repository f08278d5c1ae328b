using Polo.Data.Analysis;

namespace Polo.Web.Components.Pages.Delta;

/// <summary>Navigation over a <see cref="DeltaDecomposition"/> tree: find a node with its ancestors, list the
/// resources under a node (a resource split across nodes by a tag change is merged into one row).</summary>
public static class DeltaTree
{
    /// <summary>Root-to-node path of <paramref name="nodeId"/>, or null when the tree has no such node.</summary>
    public static IReadOnlyList<DeltaNode>? PathTo(IReadOnlyList<DeltaNode> roots, string nodeId)
    {
        foreach (var n in roots)
        {
            if (n.NodeId == nodeId) return [n];
            if (PathTo(n.Children, nodeId) is { } below) return [n, .. below];
        }
        return null;
    }

    /// <summary>Every node under <paramref name="roots"/>, each before its children (pre-order), walked with one stack:
    /// nested iterators cost a step per level for every node, which a tree of ~17k nodes (a ~100k-resource estate by
    /// customer) felt on every page load.</summary>
    public static IEnumerable<DeltaNode> All(IEnumerable<DeltaNode> roots)
    {
        var stack = new Stack<DeltaNode>(roots.Reverse());
        while (stack.TryPop(out var n))
        {
            yield return n;
            for (var i = n.Children.Count - 1; i >= 0; i--) stack.Push(n.Children[i]);
        }
    }

    /// <summary>Every resource under the nodes, merged by id, unexplained (to the cent) first, then |delta|.</summary>
    public static IReadOnlyList<ResourceDelta> Resources(IEnumerable<DeltaNode> nodes) =>
        All(nodes).SelectMany(n => n.Resources)
            .GroupBy(r => r.ResourceId)
            .Select(Merge)
            .OrderByDescending(r => Math.Round(Math.Abs(r.Unexplained), 2))
            .ThenByDescending(r => Math.Abs(r.Delta))
            .ThenBy(r => r.ResourceId, StringComparer.Ordinal)
            .ToList();

    private static ResourceDelta Merge(IGrouping<string, ResourceDelta> parts)
    {
        if (parts.Count() == 1) return parts.First();
        var main = parts.OrderByDescending(p => Math.Abs(p.Delta)).First();
        return main with
        {
            BaselineCost = parts.Sum(p => p.BaselineCost),
            PeriodCost = parts.Sum(p => p.PeriodCost),
            Explained = parts.Sum(p => p.Explained),
            Evidence = parts.SelectMany(p => p.Evidence).DistinctBy(e => (e.EventId, e.Time, e.EventType, e.Summary))
                .OrderBy(e => e.Time).ToList(),
            Parts = parts.SelectMany(p => p.CauseParts).GroupBy(c => c.Cause)
                .Select(g => new CausePart(g.Key, g.Sum(c => c.Amount), g.SelectMany(c => c.Evidence).ToList()))
                .Where(c => c.Amount != 0).ToList(),
        };
    }
}
