namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// "Costs moved by X — why?": one aggregate query over cost_hourly (baseline and period per resource × usage type ×
/// placement), one over resource_events, then per-resource attribution and an exact tree in decimal.
/// </summary>
public sealed class DeltaDecomposer(IClickHouse ch) : IDeltaDecomposer
{
    public async Task<DeltaDecomposition> DecomposeAsync(TimeRange baseline, TimeRange period, Grouping groupBy = Grouping.Customer,
        CostFilter? filter = null, CancellationToken ct = default)
    {
        if (baseline.End <= baseline.Start || period.End <= period.Start)
            throw new ArgumentException("Baseline and period must both be non-empty ranges.");
        var lo = baseline.Start < period.Start ? baseline.Start : period.Start;
        var hi = baseline.End > period.End ? baseline.End : period.End;

        var linesTask = DeltaInputs.CostLinesAsync(ch, baseline, period, filter, ct);
        var eventsTask = DeltaInputs.EventsAsync(ch, lo, hi, ct);
        var lines = await linesTask.ConfigureAwait(false);
        var events = await eventsTask.ConfigureAwait(false);

        var scale = (decimal)period.Length.Ticks / baseline.Length.Ticks;
        var placements = lines.GroupBy(l => l.ResourceId)
            .ToDictionary(g => g.Key, g => g.Select(l => (l.Customer, l.Cluster, l.IndexName)).Distinct().Count());
        var inWindow = events.Where(e => e.Prior == 0).OrderBy(e => e.EventTime).ThenBy(e => e.EventId)
            .ToLookup(e => e.ResourceId);
        var prior = events.Where(e => e.Prior == 1).GroupBy(e => e.ResourceId).ToDictionary(g => g.Key, g => g.First());

        var classifier = new CauseClassifier(baseline, period);
        var leaves = new List<DeltaTreeBuilder.Leaf>();
        foreach (var group in lines.Select(l => (Line: l, Path: NodePath.For(l, groupBy)))
                     .GroupBy(x => (Node: x.Path[^1].NodeId, x.Line.ResourceId)))
        {
            var groupLines = group.Select(x => x.Line).ToList();
            var first = groupLines[0];
            var change = new ResourceChange
            {
                ResourceId = first.ResourceId,
                ResourceType = first.ResourceType,
                AccountId = first.AccountId,
                Service = string.Join(", ", groupLines.Select(l => l.Service).Distinct()),
                State = first.State,
                Lines = groupLines,
                ScaledBaseline = groupLines.Select(l => Math.Round(l.BaselineCost * scale, 6)).ToList(),
                Placements = placements[first.ResourceId],
            };
            var attribution = classifier.Classify(change, inWindow[first.ResourceId].ToList(), prior.GetValueOrDefault(first.ResourceId));
            var resource = new ResourceDelta(change.ResourceId, change.ResourceType, change.AccountId, change.Service,
                change.BaselineCost, change.PeriodCost, attribution.Cause, attribution.Explained, attribution.Evidence);
            leaves.Add(new DeltaTreeBuilder.Leaf(group.First().Path, resource));
        }

        var nodes = DeltaTreeBuilder.Build(leaves);
        return new DeltaDecomposition(baseline, period, groupBy, nodes.Sum(n => n.BaselineCost), nodes.Sum(n => n.PeriodCost),
            nodes, Summarise(leaves));
    }

    /// <summary>Per (cause, node): explained amounts under their cause, the remainder of every resource as unexplained.</summary>
    private static List<CauseSummary> Summarise(List<DeltaTreeBuilder.Leaf> leaves)
    {
        var parts = leaves.SelectMany(l => new[]
        {
            (Cause: l.Resource.Cause, Step: l.Path[^1], l.Resource, Amount: l.Resource.Explained),
            (Cause: CauseKind.Unexplained, Step: l.Path[^1], l.Resource, Amount: l.Resource.Unexplained),
        }).Where(p => p.Amount != 0);

        var summaries = parts.GroupBy(p => (p.Cause, p.Step.NodeId)).Select(g =>
        {
            var ids = g.Select(p => p.Resource.ResourceId).Distinct().ToList();
            var amount = g.Sum(p => p.Amount);
            var noun = CauseDescriber.TypesNoun(g.Select(p => p.Resource.ResourceType), ids.Count);
            return new CauseSummary(g.Key.Cause, g.Key.NodeId,
                CauseDescriber.Describe(g.Key.Cause, g.Key.NodeId, g.First().Step.Name, amount, ids.Count, noun),
                amount, ids.Count, ids);
        });
        return summaries
            .OrderBy(s => s.Cause == CauseKind.Unexplained ? 0 : 1)
            .ThenByDescending(s => Math.Abs(s.Amount))
            .ToList();
    }
}
