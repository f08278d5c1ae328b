using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// "Costs moved by X — why?": one aggregate query over the cost tables (baseline and period per resource × service ×
/// usage type × line item type × placement), one over resource_events, one over snapshot relationships; then per
/// resource a mechanism split (<see cref="MechanismSplitter"/>: usage, rate, commitment coverage, fees, credits…),
/// a lifecycle cause for the usage part (<see cref="CauseClassifier"/>) and an exact tree in decimal. Whole-day windows
/// read the daily rollup; the first billed hour comes from the hourly ledger only for resources whose cause needs it.
/// </summary>
/// <param name="ch">The engine.</param>
/// <param name="useDailyRollup">false reads the hourly ledger even for whole-day windows (same answer, slower).</param>
/// <param name="listUnchanged">true lists every resource in the tree, also those that moved $0 with no part
/// (classified in C# one by one, slow on a large estate); by default, when the windows have the same length, the engine
/// sums such resources per node (<see cref="DeltaNode.UnchangedResources"/>) and only the resources that moved are
/// shipped, classified and listed. Totals, parts and causes are the same either way.</param>
/// <param name="resourceFacts">For whole-day windows of the same length, find the resources that moved in the per-resource
/// daily facts (<see cref="MovedResources"/>; one GROUP BY resource_id, then only their lines); false reads the daily
/// rollup line by line (the path before migration 080; same answer, slower).</param>
/// <param name="profile">Receives where the time went (SQL vs C#).</param>
public sealed class DeltaDecomposer(IClickHouse ch, bool useDailyRollup = true, bool listUnchanged = false,
    bool resourceFacts = true, DecompositionProfile? profile = null) : IDeltaDecomposer
{
    public Task<DeltaDecomposition> DecomposeAsync(TimeRange baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        if (baseline.End <= baseline.Start || period.End <= period.Start)
            throw new ArgumentException("Baseline and period must both be non-empty ranges.");
        return DecomposeAsync(DeltaBaseline.Of(baseline), period, groupBy, filter, costType, ct);
    }

    public async Task<DeltaDecomposition> DecomposeAsync(DeltaBaseline baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (period.End <= period.Start) throw new ArgumentException("The period must be a non-empty range.");
        groupBy ??= Grouping.Customer;
        var span = baseline.Span;
        var lo = span.Start < period.Start ? span.Start : period.Start;
        var hi = span.End > period.End ? span.End : period.End;

        var fold = !listUnchanged && baseline.Length == period.Length;
        var facts = fold && resourceFacts && useDailyRollup && Sql.CostSource.For(baseline, period).Daily;
        List<CostLine> all, lines;
        List<EventLine> events;
        Dictionary<string, OrphanSnapshot> orphans;
        profile?.Start();
        var factInputs = facts ? await FactInputsAsync(baseline, period, groupBy, filter, costType, lo, hi, ct).ConfigureAwait(false) : null;
        // The facts cannot answer when two resource ids share a resource_key: the daily rollup does, line by line.
        facts = factInputs is not null;
        if (factInputs is { } f)
            (all, lines, events, orphans) = f;
        else if (fold)
        {
            all = await DeltaInputs.CostLinesAsync(ch, baseline, period, filter, costType, useDailyRollup, ct, groupBy, foldUnchanged: true)
                .ConfigureAwait(false);
            profile?.CostLines();
            var moved = all.Where(l => l.Changed == 1).Select(Named).ToList();
            var ids = moved.Select(l => l.ResourceId).ToHashSet();
            var eventsTask = DeltaInputs.EventsAsync(ch, lo, hi, ct, ids);
            var states = await DeltaInputs.StatesAsync(ch, ids, ct).ConfigureAwait(false);
            events = await eventsTask.ConfigureAwait(false);
            lines = moved.Select(l => l with { State = states.GetValueOrDefault(l.ResourceId, "") }).ToList();
            orphans = await DeltaInputs.OrphanSnapshotsAsync(ch, Snapshots(lines), period.End, ct).ConfigureAwait(false);
        }
        else
        {
            var linesTask = DeltaInputs.CostLinesAsync(ch, baseline, period, filter, costType, useDailyRollup, ct);
            var eventsTask = DeltaInputs.EventsAsync(ch, lo, hi, ct);
            all = lines = (await linesTask.ConfigureAwait(false)).Select(Named).ToList();
            profile?.CostLines();
            events = await eventsTask.ConfigureAwait(false);
            orphans = await DeltaInputs.OrphanSnapshotsAsync(ch, Snapshots(lines), period.End, ct).ConfigureAwait(false);
        }
        var unchanged = all.Where(l => l.Changed == 0)
            .Select(l => new DeltaTreeBuilder.Quiet(NodePath.For(l, groupBy), (int)l.Resources, l.BaselineCost, l.PeriodCost)).ToList();
        profile?.Context();

        // One order whatever the path and the engine's row order: resources, their parts and evidence, and ties in the
        // tree come out the same on every path.
        lines = [.. lines.OrderBy(l => l.ResourceId, StringComparer.Ordinal).ThenBy(l => l.Service, StringComparer.Ordinal)
            .ThenBy(l => l.UsageType, StringComparer.Ordinal).ThenBy(l => l.LineItemType, StringComparer.Ordinal)
            .ThenBy(l => l.Customer, StringComparer.Ordinal).ThenBy(l => l.Cluster, StringComparer.Ordinal)
            .ThenBy(l => l.IndexName, StringComparer.Ordinal)];
        var scale = (decimal)period.Length.Ticks / baseline.Length.Ticks;
        var placements = lines.GroupBy(l => l.ResourceId)
            .ToDictionary(g => g.Key, g => g.Select(l => (l.Customer, l.Cluster, l.IndexName)).Distinct().Count());
        var inWindow = events.Where(e => e.Prior == 0).OrderBy(e => e.EventTime).ThenBy(e => e.EventId)
            .ToLookup(e => e.ResourceId);
        var prior = events.Where(e => e.Prior == 1).GroupBy(e => e.ResourceId).ToDictionary(g => g.Key, g => g.First());
        var exact = !(useDailyRollup && Sql.CostSource.For(baseline, period).Daily);
        var inPeriod = all.Where(l => l.PeriodCost != 0 || l.PeriodUsage != 0).ToList();
        var dataEnd = inPeriod.Count == 0 ? period.End : inPeriod.Max(l => l.LastHour);

        var classifier = new CauseClassifier(baseline, period, dataEnd, orphans);
        var changes = lines.Select(l => (Line: l, Path: NodePath.For(l, groupBy)))
            .GroupBy(x => (Node: x.Path[^1].NodeId, x.Line.ResourceId))
            .Select(g => (Path: g.First().Path, Change: Change(g.Select(x => x.Line).ToList(), scale, placements, exact)))
            .ToList();
        // Each resource is split and classified on its own (read-only inputs): on all cores when there are many.
        var splits = PerResource(changes.Count, i => MechanismSplitter.Split(changes[i].Change, period.End));
        Attribution? Classify(int i) => classifier.Classify(changes[i].Change, splits[i].UsageAmount,
            inWindow[changes[i].Change.ResourceId].ToList(), prior.GetValueOrDefault(changes[i].Change.ResourceId));
        var attributions = PerResource(changes.Count, Classify);

        // Lines read from the daily rollup know the first billed day only; load the hour where the cause depends on it.
        var pending = Enumerable.Range(0, changes.Count).Where(i => attributions[i] is null).ToList();
        if (pending.Count > 0)
        {
            profile?.Csharp();
            var ids = pending.Select(i => changes[i].Change.ResourceId).Distinct().ToList();
            var first = facts
                ? lines.Where(l => l.ResourceFirstHour is not null && l.ResourceType != LineItemTypes.BillingLine)
                    .GroupBy(l => l.ResourceId).ToDictionary(g => g.Key, g => g.Min(l => l.ResourceFirstHour!.Value))
                : await DeltaInputs.FirstHoursAsync(ch, ids, baseline, period, filter, ct).ConfigureAwait(false);
            profile?.Context();
            foreach (var i in pending)
            {
                var c = changes[i].Change;
                c.FirstHour = first.GetValueOrDefault(c.ResourceId, c.FirstHour);
                c.FirstHourExact = true;
                attributions[i] = Classify(i) ?? throw new InvalidOperationException($"No cause for {c.ResourceId} with its first hour.");
            }
        }

        var leaves = PerResource(changes.Count, i =>
            new DeltaTreeBuilder.Leaf(changes[i].Path, ResourceDeltas.Build(changes[i].Change, splits[i], attributions[i]!)));

        var nodes = DeltaTreeBuilder.Build(leaves, unchanged);
        var result = new DeltaDecomposition(span, period, groupBy, nodes.Sum(n => n.BaselineCost), nodes.Sum(n => n.PeriodCost),
            nodes, CauseSummaries.Summarise(leaves), costType, baseline.IsContiguous ? null : baseline);
        if (profile is not null)
        {
            profile.Csharp();
            profile.LinesShipped = all.Count;
            profile.Classified = changes.Count;
        }
        return result;
    }

    /// <summary>Whole-day windows of the same length: which resources moved, from the per-resource facts (one GROUP BY
    /// resource_id; the unchanged ones come back summed per node, the moved single-line ones whole), then at once the
    /// other candidates' lines, the moved single-line resources' details, and the events, inventory states and orphaned
    /// snapshots of all that moved (five queries that depend on the scan only). Null when two resource ids share a
    /// resource_key (the scan cannot tell them apart).</summary>
    private async Task<(List<CostLine> All, List<CostLine> Lines, List<EventLine> Events, Dictionary<string, OrphanSnapshot> Orphans)?>
        FactInputsAsync(DeltaBaseline baseline, TimeRange period, Grouping groupBy, CostFilter? filter, CostType costType,
            DateTime lo, DateTime hi, CancellationToken ct)
    {
        var scan = await MovedResources.ScanAsync(ch, baseline, period, filter, costType, groupBy, ct).ConfigureAwait(false);
        if (scan is null) return null;
        profile?.CostLines();
        if (profile is not null) profile.ShippedWhole = scan.Moved.Count;
        if (scan.Candidates.Count == 0 && scan.Moved.Count == 0) return (scan.Unchanged, [], [], []);
        var ids = scan.Candidates.Where(id => id != "").Concat(scan.Moved.Select(l => l.ResourceId)).ToList();
        Task<T> Timed<T>(string name, Task<T> query) => profile is null ? query : profile.TimedAsync(name, query);
        var linesTask = scan.Candidates.Count == 0 ? Task.FromResult(new List<CostLine>())
            : Timed("lines", DeltaInputs.CostLinesAsync(ch, baseline, period, filter, costType, allowRollup: true, ct, groupBy,
                foldUnchanged: true, onlyResources: scan.Candidates));
        var eventsTask = Timed("events", DeltaInputs.EventsAsync(ch, lo, hi, ct, ids));
        var statesTask = Timed("states", DeltaInputs.StatesAsync(ch, ids, ct));
        var orphansTask = Timed("snapshots", DeltaInputs.OrphanSnapshotsAsync(ch, ids, period.End, ct));
        var detailsTask = Timed("details", MovedResources.DetailsAsync(ch, baseline, period, filter, scan.Moved.Select(l => l.ResourceId).ToList(), ct));
        await Task.WhenAll(linesTask, eventsTask, statesTask, orphansTask, detailsTask).ConfigureAwait(false);
        var moved = MovedResources.Complete(scan.Moved, await detailsTask.ConfigureAwait(false));
        var all = scan.Unchanged.Concat(moved).Concat(await linesTask.ConfigureAwait(false)).ToList();
        var states = await statesTask.ConfigureAwait(false);
        var lines = all.Where(l => l.Changed == 1).Select(Named)
            .Select(l => l with { State = states.GetValueOrDefault(l.ResourceId, "") }).ToList();
        // Orphans were asked for every candidate: keep the snapshots' (the classifier looks any moved resource up).
        var snapshots = Snapshots(lines).ToHashSet();
        var orphans = (await orphansTask.ConfigureAwait(false)).Where(o => snapshots.Contains(o.Key)).ToDictionary();
        return (all, lines, await eventsTask.ConfigureAwait(false), orphans);
    }

    private static List<string> Snapshots(List<CostLine> lines) =>
        lines.Where(l => l.ResourceType == ResourceTypes.Snapshot).Select(l => l.ResourceId).Distinct().ToList();

    /// <summary>Resources at which the per-resource work is spread over the cores (below, one thread is faster).</summary>
    private const int ParallelFrom = 2_000;

    /// <summary><paramref name="work"/> for 0…count-1, in order; in parallel from <see cref="ParallelFrom"/> items.</summary>
    private static List<T> PerResource<T>(int count, Func<int, T> work) => count < ParallelFrom
        ? Enumerable.Range(0, count).Select(work).ToList()
        : ParallelEnumerable.Range(0, count).AsOrdered().Select(work).ToList();

    /// <summary>Id-less lines become a named pseudo-resource per service × line item type × usage type.</summary>
    private static CostLine Named(CostLine l) => l.ResourceId != "" ? l : l with
    {
        ResourceId = LineItemTypes.PseudoId(l.Service, l.LineItemType, l.UsageType),
        ResourceType = LineItemTypes.BillingLine,
    };

    private static ResourceChange Change(List<CostLine> lines, decimal scale, Dictionary<string, int> placements, bool exact)
    {
        var first = lines[0];
        return new ResourceChange
        {
            ResourceId = first.ResourceId,
            ResourceType = lines.Select(l => l.ResourceType).FirstOrDefault(t => t != "") ?? "",
            AccountId = first.AccountId,
            Service = string.Join(", ", lines.Select(l => l.Service).Distinct()),
            State = first.State,
            Lines = lines,
            ScaledBaseline = lines.Select(l => l.PerBillingPeriod == 1 ? l.BaselineCost : Math.Round(l.BaselineCost * scale, 6)).ToList(),
            ScaledUsage = lines.Select(l => l.PerBillingPeriod == 1 ? l.BaselineUsage : l.BaselineUsage * (double)scale).ToList(),
            Placements = placements[first.ResourceId],
            FirstHourExact = exact,
            FirstHour = lines.Min(l => l.FirstHour),
            LastHour = lines.Max(l => l.LastHour),
        };
    }
}
