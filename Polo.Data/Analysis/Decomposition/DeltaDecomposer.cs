using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// "Costs moved by X — why?": one aggregate query over cost_hourly (baseline and period per resource × usage type ×
/// placement), one over resource_events, then per-resource attribution and an exact tree in decimal. Whole-day windows
/// read the daily rollup; running hours then come from the hourly ledger only for the resources whose cause needs them.
/// </summary>
/// <param name="ch">The engine the queries run on.</param>
/// <param name="useDailyRollup">false reads the hourly ledger even for whole-day windows (same answer, slower).</param>
public sealed class DeltaDecomposer(IClickHouse ch, bool useDailyRollup = true) : IDeltaDecomposer
{
    public async Task<DeltaDecomposition> DecomposeAsync(TimeRange baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        if (baseline.End <= baseline.Start || period.End <= period.Start)
            throw new ArgumentException("Baseline and period must both be non-empty ranges.");
        groupBy ??= Grouping.Customer;
        var lo = baseline.Start < period.Start ? baseline.Start : period.Start;
        var hi = baseline.End > period.End ? baseline.End : period.End;

        var linesTask = DeltaInputs.CostLinesAsync(ch, baseline, period, filter, costType, useDailyRollup, ct);
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
        var changes = lines.Select(l => (Line: l, Path: NodePath.For(l, groupBy)))
            .GroupBy(x => (Node: x.Path[^1].NodeId, x.Line.ResourceId))
            .Select(g => (Path: g.First().Path, Change: Change(g.Select(x => x.Line).ToList(), scale, placements)))
            .ToList();
        Attribution? Classify(ResourceChange c) =>
            classifier.Classify(c, inWindow[c.ResourceId].ToList(), prior.GetValueOrDefault(c.ResourceId));
        var attributions = changes.Select(c => Classify(c.Change)).ToList();

        // Lines read from the daily rollup carry no running hours; load them for the few resources whose cause needs them.
        var pending = Enumerable.Range(0, changes.Count).Where(i => attributions[i] is null).ToList();
        if (pending.Count > 0)
        {
            var ids = pending.Select(i => changes[i].Change.ResourceId).Distinct().ToList();
            var hours = (await DeltaInputs.HoursAsync(ch, ids, baseline, period, ct).ConfigureAwait(false))
                .ToDictionary(h => (h.ResourceId, h.UsageType, h.Customer, h.Cluster, h.IndexName));
            foreach (var i in pending)
            {
                var c = changes[i].Change;
                var withHours = c.Lines.Select(l => hours.TryGetValue((l.ResourceId, l.UsageType, l.Customer, l.Cluster, l.IndexName), out var h)
                    ? l with { BaselineHours = h.BaselineHours, PeriodHours = h.PeriodHours, FirstHour = h.FirstHour }
                    : l with { BaselineHours = 0, PeriodHours = 0 }).ToList();
                changes[i] = (changes[i].Path, Change(withHours, scale, placements));
                attributions[i] = Classify(changes[i].Change)
                    ?? throw new InvalidOperationException($"No cause for {c.ResourceId} even with running hours.");
            }
        }

        var leaves = changes.Select((c, i) =>
        {
            var a = attributions[i]!;
            var r = c.Change;
            return new DeltaTreeBuilder.Leaf(c.Path, new ResourceDelta(r.ResourceId, r.ResourceType, r.AccountId, r.Service,
                r.BaselineCost, r.PeriodCost, a.Cause, a.Explained, a.Evidence));
        }).ToList();

        var nodes = DeltaTreeBuilder.Build(leaves);
        return new DeltaDecomposition(baseline, period, groupBy, nodes.Sum(n => n.BaselineCost), nodes.Sum(n => n.PeriodCost),
            nodes, Summarise(leaves), costType);
    }

    private static ResourceChange Change(List<CostLine> lines, decimal scale, Dictionary<string, int> placements)
    {
        var first = lines[0];
        return new ResourceChange
        {
            ResourceId = first.ResourceId,
            ResourceType = first.ResourceType,
            AccountId = first.AccountId,
            Service = string.Join(", ", lines.Select(l => l.Service).Distinct()),
            State = first.State,
            Lines = lines,
            ScaledBaseline = lines.Select(l => Math.Round(l.BaselineCost * scale, 6)).ToList(),
            Placements = placements[first.ResourceId],
        };
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
