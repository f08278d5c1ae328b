using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>Same-kind causes summed per (cause, leaf node) over every resource's parts, unexplained first.</summary>
internal static class CauseSummaries
{
    public static List<CauseSummary> Summarise(List<DeltaTreeBuilder.Leaf> leaves)
    {
        var parts = leaves.SelectMany(l => l.Resource.CauseParts.Select(p => (Step: l.Path[^1], l.Resource, Part: p)));
        var summaries = parts.GroupBy(p => (p.Part.Cause, p.Step.NodeId)).Select(g =>
        {
            var ids = g.Select(p => p.Resource.ResourceId).Distinct().ToList();
            var amount = g.Sum(p => p.Part.Amount);
            var noun = CauseDescriber.TypesNoun(g.Select(p => p.Resource.ResourceType), ids.Count);
            var figures = ResourceDeltas.Merge(g.Select(p => p.Part).ToList());
            return new CauseSummary(g.Key.Cause, g.Key.NodeId,
                CauseDescriber.Describe(g.Key.Cause, g.Key.NodeId, g.First().Step.Name, amount, ids.Count, noun, figures),
                amount, ids.Count, ids);
        }).Where(s => s.Amount != 0 || s.Cause != CauseKind.Unexplained);
        return summaries
            .OrderBy(s => s.Cause == CauseKind.Unexplained ? 0 : 1)
            .ThenByDescending(s => Math.Abs(s.Amount))
            .ToList();
    }
}
