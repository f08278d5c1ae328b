using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;

namespace Polo.Web.Components.Pages.Delta;

/// <summary>
/// What the Explain and Cost delta pages derive from a decomposition — its nodes by id, its causes in the order shown,
/// the resources that moved (under the whole tree or one node) — computed once per decomposition. The shared cache hands
/// the same <see cref="DeltaDecomposition"/> to every viewer and to both renders of a visit (prerender and circuit), so
/// these are computed once per data version instead of on every load; they live as long as the decomposition does.
/// </summary>
public static class DeltaViews
{
    private static readonly ConditionalWeakTable<DeltaDecomposition, Views> Derived = new();

    /// <summary>Every node of the tree by id (the first in pre-order where an id repeats).</summary>
    public static IReadOnlyDictionary<string, DeltaNode> NodesById(DeltaDecomposition d) => Of(d).Nodes.Value;

    /// <summary>The causes as Explain lists them: unexplained first, then by size, then by node.</summary>
    public static IReadOnlyList<CauseSummary> CausesInOrder(DeltaDecomposition d) => Of(d).Causes.Value;

    /// <summary>The resources under <paramref name="scope"/> (the whole tree when null) whose cost changed or carry an
    /// attributed amount, to the cent, in <see cref="DeltaTree.Resources"/> order.</summary>
    public static IReadOnlyList<ResourceDelta> MovedResources(DeltaDecomposition d, DeltaNode? scope)
    {
        var views = Of(d);
        return scope is null ? views.Moved.Value : views.MovedUnder.GetOrAdd(scope, n => new Lazy<IReadOnlyList<ResourceDelta>>(() => Moved([n]))).Value;
    }

    /// <summary>Resources whose cost changed (or carry an attributed amount), to the cent.</summary>
    public static bool HasMoved(ResourceDelta r) => Math.Round(r.Delta, 2) != 0 || Math.Round(r.Explained, 2) != 0;

    private static IReadOnlyList<ResourceDelta> Moved(IEnumerable<DeltaNode> nodes) => DeltaTree.Resources(nodes).Where(HasMoved).ToList();

    private static Views Of(DeltaDecomposition d) => Derived.GetValue(d, x => new Views(x));

    private sealed class Views(DeltaDecomposition d)
    {
        public Lazy<IReadOnlyDictionary<string, DeltaNode>> Nodes { get; } = new(() =>
        {
            var byId = new Dictionary<string, DeltaNode>(StringComparer.Ordinal);
            foreach (var n in DeltaTree.All(d.Nodes)) byId.TryAdd(n.NodeId, n);
            return byId;
        });

        public Lazy<IReadOnlyList<CauseSummary>> Causes { get; } = new(() => d.Causes
            .OrderByDescending(c => c.Cause == CauseKind.Unexplained)
            .ThenByDescending(c => Math.Abs(c.Amount))
            .ThenBy(c => c.NodeId, StringComparer.Ordinal)
            .ToList());

        public Lazy<IReadOnlyList<ResourceDelta>> Moved { get; } = new(() => DeltaViews.Moved(d.Nodes));

        public ConcurrentDictionary<DeltaNode, Lazy<IReadOnlyList<ResourceDelta>>> MovedUnder { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
