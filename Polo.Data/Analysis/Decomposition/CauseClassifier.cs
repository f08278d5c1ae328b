using System.Globalization;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Assigns a resource's usage part (its delta at the old rate, see <see cref="MechanismSplitter"/>) to a lifecycle
/// cause, from the events in and before the window, the relationships and, where no event exists, the bill itself.
/// Rules, first match wins (only for a non-zero amount):
/// tag_change (tag_changed in window and the resource's cost sits under more than one node) →
/// orphaned (volume/EIP left detached, or in state available/unassociated; snapshot of a deleted volume; costing more) →
/// terminated (deleted in window, costing less) → launched (created in window, or first billed hour after the window
/// opened with no earlier history, costing more) → resized → started / stopped / ran_longer from state changes and
/// running hours → billing_stopped (last billed hour before the period's data ends, costing less) →
/// ran_longer (more running hours than a non-zero baseline, no lifecycle event) → usage_change (the usage amount
/// changed, with usage in both windows) → unexplained (what is known stays on the part: cost, usage, rates).
/// Running hours are usage amounts whose pricing unit is hours.
/// </summary>
internal sealed class CauseClassifier(DeltaBaseline baseline, TimeRange period, DateTime dataEnd,
    IReadOnlyDictionary<string, OrphanSnapshot> orphanSnapshots)
{
    /// <summary>Relative usage-per-hour difference still counted as "the same usage per hour".</summary>
    private const double SameRate = 0.005;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly decimal _scale = (decimal)period.Length.Ticks / baseline.Length.Ticks;
    private readonly DateTime _windowStart = baseline.Span.Start < period.Start ? baseline.Span.Start : period.Start;

    /// <summary>The cause of <paramref name="amount"/>, or null when the answer needs the first billed hour that
    /// <paramref name="r"/> only knows to the day (daily rollup); the caller loads it from the hourly ledger and asks again.</summary>
    public Attribution? Classify(ResourceChange r, decimal amount, IReadOnlyList<EventLine> inWindow, EventLine? prior)
    {
        if (amount == 0) return new Attribution(CauseKind.Unexplained, 0, []);
        Evidence Ev(EventLine e) => new(e.EventTime, e.ResourceId, e.EventType,
            EventSummary.Describe(e.EventType, e.Properties), e.EventId);
        EventLine? Last(string type) => inWindow.LastOrDefault(e => e.EventType == type);
        Attribution All(string cause, params EventLine?[] evidence) =>
            new(cause, amount, evidence.Where(e => e is not null).Select(e => Ev(e!)).ToList());

        if (r.Placements > 1 && Last(EventTypes.TagChanged) is { } tag) return All(CauseKind.TagChange, tag);

        if (amount > 0 && r.ResourceType is ResourceTypes.Volume or ResourceTypes.ElasticIp && IsUnattached(r, inWindow, prior, out var detach))
            return new Attribution(CauseKind.Orphaned, amount, detach is null
                ? [new Evidence(period.End, r.ResourceId, EvidenceTypes.State, $"state {r.State}, attached to nothing", null)]
                : [Ev(detach)]);
        if (amount > 0 && orphanSnapshots.TryGetValue(r.ResourceId, out var orphan))
            return new Attribution(CauseKind.Orphaned, amount, [new Evidence(orphan.DeletedAt, r.ResourceId, EvidenceTypes.SourceDeleted,
                string.Create(Inv, $"snapshot of {orphan.VolumeId}, deleted {orphan.DeletedAt:yyyy-MM-dd}"), null)]);

        var deleted = Last(EventTypes.Deleted);
        if (amount < 0 && deleted is not null) return All(CauseKind.Terminated, deleted);

        var created = inWindow.FirstOrDefault(e => e.EventType == EventTypes.Created);
        if (amount > 0 && created is not null) return All(CauseKind.Launched, created);
        var noBaseline = r.Lines.All(l => l.BaselineCost == 0 && l.BaselineUsage == 0);
        if (amount > 0 && prior is null && noBaseline && !r.FirstHourExact && r.FirstHour <= _windowStart) return null;
        if (amount > 0 && prior is null && noBaseline && r.FirstHour > _windowStart)
            return new Attribution(CauseKind.Launched, amount,
                [new Evidence(r.FirstHour, r.ResourceId, EvidenceTypes.FirstBilled,
                    string.Create(Inv, $"first billed {When(r.FirstHour, r.FirstHourExact)}, no earlier history"), null)],
                r.FirstHour);

        if (Last(EventTypes.Resized) is { } resized) return All(CauseKind.Resized, resized);

        var state = StateAttribution(r, amount, inWindow, prior, Ev);
        if (state is not null) return state;

        var lifecycle = inWindow.Any(e => e.EventType is EventTypes.Created or EventTypes.Deleted or EventTypes.StateChanged or EventTypes.Resized);
        var (bh, ph) = Hours(r);
        if (amount < 0 && !lifecycle && r.LastHour < dataEnd && r.Lines.All(l => l.PerBillingPeriod == 0))
            return new Attribution(CauseKind.BillingStopped, amount,
                [new Evidence(r.LastHour, r.ResourceId, EvidenceTypes.LastBilled,
                    string.Create(Inv, $"last billed {When(r.LastHour, r.FirstHourExact)}; billed {ph:0.#} h in the period vs {bh:0.#} h in the (scaled) baseline"),
                    null)], r.LastHour);

        if (amount > 0 && bh > 0 && ph > bh && !lifecycle && SameUsagePerHour(r))
            return new Attribution(CauseKind.RanLonger, amount, RanLongerEvidence(r, inWindow, prior, bh, ph, Ev));

        // A usage change needs usage on both sides; usage from nothing with no launch evidence stays unexplained
        // (e.g. the baseline predates the data).
        var usage = UsageEvidence(r);
        if (usage.Count > 0 && UsedIn(r, baselineSide: true) && UsedIn(r, baselineSide: false))
        {
            usage.InsertRange(0, inWindow.Where(e => e.EventType == EventTypes.UsageChanged).Select(Ev));
            return new Attribution(CauseKind.UsageChange, amount, usage);
        }
        return new Attribution(CauseKind.Unexplained, 0, inWindow.Select(Ev).ToList());
    }

    private static bool UsedIn(ResourceChange r, bool baselineSide) => r.Lines.Any(l => LineItemTypes.IsUsage(l.LineItemType)
        && (baselineSide ? l.BaselineUsage > 0 : l.PeriodUsage > 0));

    private static string When(DateTime t, bool exact) =>
        exact ? t.ToString("yyyy-MM-dd HH:mm", Inv) : t.ToString("yyyy-MM-dd", Inv);

    private (decimal Baseline, decimal Period) Hours(ResourceChange r)
    {
        decimal bh = 0, ph = 0;
        for (var i = 0; i < r.Lines.Count; i++)
        {
            var l = r.Lines[i];
            if (!LineItemTypes.IsUsage(l.LineItemType)) continue;
            bh = Math.Max(bh, (decimal)l.BaselineHours * (l.PerBillingPeriod == 1 ? 1 : _scale));
            ph = Math.Max(ph, (decimal)l.PeriodHours);
        }
        return (Math.Round(bh, 4), Math.Round(ph, 4));
    }

    /// <summary>Every usage type that carries non-hour usage keeps its usage per running hour: only the running time changed.</summary>
    private static bool SameUsagePerHour(ResourceChange r)
    {
        var hb = r.Lines.Max(l => l.BaselineHours);
        var hp = r.Lines.Max(l => l.PeriodHours);
        if (hb <= 0 || hp <= 0) return true;
        return r.Lines.Where(l => LineItemTypes.IsUsage(l.LineItemType) && l.BaselineHours == 0 && l.PeriodHours == 0
                                   && (l.BaselineUsage > 0 || l.PeriodUsage > 0))
            .All(l => Math.Abs(l.BaselineUsage / hb - l.PeriodUsage / hp) <= SameRate * Math.Abs(l.BaselineUsage / hb));
    }

    private static bool IsUnattached(ResourceChange r, IReadOnlyList<EventLine> inWindow, EventLine? prior, out EventLine? detach)
    {
        var last = inWindow.LastOrDefault(e => e.EventType is EventTypes.Attached or EventTypes.Detached)
                   ?? (prior?.EventType is EventTypes.Attached or EventTypes.Detached ? prior : null);
        detach = last?.EventType == EventTypes.Detached ? last : null;
        if (last is not null) return detach is not null;
        return ResourceStates.IsUnattached(r.State);
    }

    private Attribution? StateAttribution(ResourceChange r, decimal amount, IReadOnlyList<EventLine> inWindow,
        EventLine? prior, Func<EventLine, Evidence> ev)
    {
        var changes = inWindow.Where(e => e.EventType == EventTypes.StateChanged).ToList();
        if (changes.Count == 0) return null;
        var (bh, ph) = Hours(r);
        var inPeriod = changes.Where(e => e.EventTime >= period.Start && e.EventTime < period.End).ToList();
        var lastInPeriod = inPeriod.LastOrDefault();
        var runningAtEnd = (changes[^1].Properties.GetValueOrDefault(EventProperties.NewState) ?? "") == ResourceStates.Running;

        if (amount > 0 && runningAtEnd && bh > 0 && ph > bh)
        {
            // It ran in the baseline too, and this time nobody stopped it: the run lasted longer.
            return new Attribution(CauseKind.RanLonger, amount, RanLongerEvidence(r, inWindow, prior, bh, ph, ev));
        }
        if (amount > 0 && lastInPeriod is not null && IsTo(lastInPeriod, ResourceStates.Running)) return new(CauseKind.Started, amount, [ev(lastInPeriod)]);
        if (amount < 0 && changes.LastOrDefault(e => IsTo(e, ResourceStates.Stopped)) is { } stop) return new(CauseKind.Stopped, amount, [ev(stop)]);
        if (amount > 0 && changes.LastOrDefault(e => IsTo(e, ResourceStates.Running)) is { } start) return new(CauseKind.Started, amount, [ev(start)]);
        return null;
    }

    private static bool IsTo(EventLine e, string state) => e.Properties.GetValueOrDefault(EventProperties.NewState) == state;

    private List<Evidence> RanLongerEvidence(ResourceChange r, IReadOnlyList<EventLine> inWindow, EventLine? prior,
        decimal bh, decimal ph, Func<EventLine, Evidence> ev)
    {
        var evidence = new List<Evidence>();
        var launch = inWindow.LastOrDefault(e => e.EventType == EventTypes.Created || IsTo(e, ResourceStates.Running))
                     ?? (prior is not null && (prior.EventType == EventTypes.Created || IsTo(prior, ResourceStates.Running)) ? prior : null);
        if (launch is not null) evidence.Add(ev(launch));
        evidence.Add(new Evidence(period.End, r.ResourceId, EvidenceTypes.NoStop,
            string.Create(Inv, $"no stop since; ran {ph:0.#} h in the period vs {bh:0.#} h in the (scaled) baseline"), null));
        return evidence;
    }

    /// <summary>"usage type: X in the period vs Y in the (scaled) baseline" for every usage line whose amount changed.</summary>
    private static List<Evidence> UsageEvidence(ResourceChange r)
    {
        var evidence = new List<Evidence>();
        for (var i = 0; i < r.Lines.Count; i++)
        {
            var l = r.Lines[i];
            if (!LineItemTypes.IsUsage(l.LineItemType)) continue;
            var bu = r.ScaledUsage[i];
            if (Math.Abs(l.PeriodUsage - bu) < 1e-9 * Math.Max(1, Math.Abs(bu))) continue;
            evidence.Add(new Evidence(r.LastHour, r.ResourceId, EvidenceTypes.Usage, string.Create(Inv,
                $"{l.UsageType}: {MechanismSplitter.Qty(l.PeriodUsage, l.PricingUnit)} in the period vs {MechanismSplitter.Qty(bu, l.PricingUnit)} in the (scaled) baseline"),
                null));
        }
        return evidence;
    }
}
