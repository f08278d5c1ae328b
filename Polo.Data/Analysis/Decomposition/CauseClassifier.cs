using System.Globalization;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Assigns one resource's delta to a cause, from the events in and before the window and the usage numbers.
/// Rules, first match wins (only for a non-zero delta):
/// tag_change (tag_changed in window and the resource's cost sits under more than one node) →
/// orphaned (volume/EIP left detached, or in state available/unassociated, costing more) →
/// terminated (deleted in window, costing less) → launched (created in window, or first cost after the window opened
/// with no earlier history, costing more) → resized (resized in window) →
/// started / stopped / ran_longer from state changes and running hours →
/// usage_change (more/less usage per running hour; at a changed price only the usage part is explained) →
/// ran_longer (more running hours, no lifecycle event) → unexplained.
/// </summary>
internal sealed class CauseClassifier(TimeRange baseline, TimeRange period)
{
    /// <summary>Relative rate difference still counted as "the same price".</summary>
    private const double SameRate = 0.005;

    private readonly decimal _scale = (decimal)period.Length.Ticks / baseline.Length.Ticks;
    private readonly DateTime _windowStart = baseline.Start < period.Start ? baseline.Start : period.Start;

    /// <summary>The resource's cause, or null when the answer needs running hours that <paramref name="r"/> does not
    /// carry yet (its lines came from the daily rollup); the caller then loads hours from the hourly ledger and asks again.</summary>
    public Attribution? Classify(ResourceChange r, IReadOnlyList<EventLine> inWindow, EventLine? prior)
    {
        var delta = r.Delta;
        if (delta == 0) return new Attribution(CauseKind.Unexplained, 0, []);
        Evidence Ev(EventLine e) => new(e.EventTime, e.ResourceId, e.EventType,
            EventSummary.Describe(e.EventType, e.Properties), e.EventId);
        EventLine? Last(string type) => inWindow.LastOrDefault(e => e.EventType == type);
        Attribution All(string cause, params EventLine?[] evidence) =>
            new(cause, delta, evidence.Where(e => e is not null).Select(e => Ev(e!)).ToList());

        if (r.Placements > 1 && Last(EventTypes.TagChanged) is { } tag) return All(CauseKind.TagChange, tag);

        if (delta > 0 && r.ResourceType is ResourceTypes.Volume or ResourceTypes.ElasticIp && IsUnattached(r, inWindow, prior, out var detach))
            return new Attribution(CauseKind.Orphaned, delta, detach is null
                ? [new Evidence(period.End, r.ResourceId, EvidenceTypes.State, $"state {r.State}, attached to nothing", null)]
                : [Ev(detach)]);

        var deleted = Last(EventTypes.Deleted);
        if (delta < 0 && deleted is not null) return All(CauseKind.Terminated, deleted);

        var created = inWindow.FirstOrDefault(e => e.EventType == EventTypes.Created);
        if (delta > 0 && created is not null) return All(CauseKind.Launched, created);
        if (delta > 0 && prior is null && !r.HoursKnown && r.FirstHour <= _windowStart) return null;
        if (delta > 0 && prior is null && r.FirstHour > _windowStart)
            return new Attribution(CauseKind.Launched, delta,
                [new Evidence(r.FirstHour, r.ResourceId, EvidenceTypes.FirstCost, "first cost in the window, no earlier history", null)]);

        if (Last(EventTypes.Resized) is { } resized) return All(CauseKind.Resized, resized);

        var hasStateChanges = inWindow.Any(e => e.EventType == EventTypes.StateChanged);
        if (hasStateChanges && !r.HoursKnown) return null;
        var state = StateAttribution(r, inWindow, prior, delta, Ev);
        if (state is not null) return state;

        if (!r.HoursKnown) return null;
        var usage = UsageAttribution(r, inWindow, delta, Ev);
        if (usage is not null) return usage;

        var (bh, ph) = Hours(r);
        if (delta > 0 && ph > bh && !inWindow.Any(e => e.EventType is EventTypes.Created or EventTypes.Deleted or EventTypes.StateChanged or EventTypes.Resized))
            return new Attribution(CauseKind.RanLonger, delta, RanLongerEvidence(r, inWindow, prior, bh, ph, Ev));

        return new Attribution(CauseKind.Unexplained, 0, inWindow.Select(Ev).ToList());
    }

    private (decimal Baseline, decimal Period) Hours(ResourceChange r) =>
        (r.Lines.Max(l => l.BaselineHours) * _scale, r.Lines.Max(l => l.PeriodHours));

    private static bool IsUnattached(ResourceChange r, IReadOnlyList<EventLine> inWindow, EventLine? prior, out EventLine? detach)
    {
        var last = inWindow.LastOrDefault(e => e.EventType is EventTypes.Attached or EventTypes.Detached)
                   ?? (prior?.EventType is EventTypes.Attached or EventTypes.Detached ? prior : null);
        detach = last?.EventType == EventTypes.Detached ? last : null;
        if (last is not null) return detach is not null;
        return ResourceStates.IsUnattached(r.State);
    }

    private Attribution? StateAttribution(ResourceChange r, IReadOnlyList<EventLine> inWindow, EventLine? prior,
        decimal delta, Func<EventLine, Evidence> ev)
    {
        var changes = inWindow.Where(e => e.EventType == EventTypes.StateChanged).ToList();
        if (changes.Count == 0) return null;
        var (bh, ph) = Hours(r);
        var inPeriod = changes.Where(e => e.EventTime >= period.Start && e.EventTime < period.End).ToList();
        var lastInPeriod = inPeriod.LastOrDefault();
        var runningAtEnd = (changes.Last().Properties.GetValueOrDefault(EventProperties.NewState) ?? "") == ResourceStates.Running;

        if (delta > 0 && runningAtEnd && bh > 0 && ph > bh)
        {
            // It ran in the baseline too, and this time nobody stopped it: the run lasted longer.
            return new Attribution(CauseKind.RanLonger, delta, RanLongerEvidence(r, inWindow, prior, bh, ph, ev));
        }
        if (delta > 0 && lastInPeriod is not null && IsTo(lastInPeriod, ResourceStates.Running)) return new(CauseKind.Started, delta, [ev(lastInPeriod)]);
        if (delta < 0 && changes.LastOrDefault(e => IsTo(e, ResourceStates.Stopped)) is { } stop) return new(CauseKind.Stopped, delta, [ev(stop)]);
        if (delta > 0 && changes.LastOrDefault(e => IsTo(e, ResourceStates.Running)) is { } start) return new(CauseKind.Started, delta, [ev(start)]);
        return null;
    }

    private static bool SameWithin(double a, double b) => Math.Abs(a - b) <= SameRate * Math.Abs(a);

    private static bool IsTo(EventLine e, string state) => e.Properties.GetValueOrDefault(EventProperties.NewState) == state;

    private List<Evidence> RanLongerEvidence(ResourceChange r, IReadOnlyList<EventLine> inWindow, EventLine? prior,
        decimal bh, decimal ph, Func<EventLine, Evidence> ev)
    {
        var evidence = new List<Evidence>();
        var launch = inWindow.LastOrDefault(e => e.EventType == EventTypes.Created || IsTo(e, ResourceStates.Running))
                     ?? (prior is not null && (prior.EventType == EventTypes.Created || IsTo(prior, ResourceStates.Running)) ? prior : null);
        if (launch is not null) evidence.Add(ev(launch));
        evidence.Add(new Evidence(period.End, r.ResourceId, EvidenceTypes.NoStop,
            string.Create(CultureInfo.InvariantCulture,
                $"no stop since; ran {ph:0.#} h in the period vs {bh:0.#} h in the (scaled) baseline"), null));
        return evidence;
    }

    private Attribution? UsageAttribution(ResourceChange r, IReadOnlyList<EventLine> inWindow, decimal delta,
        Func<EventLine, Evidence> ev)
    {
        decimal explained = 0;
        var sameRate = true;
        var evidence = new List<Evidence>();
        var any = false;
        for (var i = 0; i < r.Lines.Count; i++)
        {
            var l = r.Lines[i];
            var bu = l.BaselineUsage * (double)_scale;
            var lineDelta = l.PeriodCost - r.ScaledBaseline[i];
            if (lineDelta == 0) continue;
            if (bu <= 0 || l.PeriodUsage <= 0 || Math.Abs(l.PeriodUsage - bu) < 1e-9 * Math.Max(1, bu)) return null;
            // Same usage per running hour, only more or fewer hours: a matter of running time, not of usage.
            if (l.BaselineHours > 0 && l.PeriodHours > 0 && l.BaselineHours != l.PeriodHours * 1m / _scale
                && SameWithin(l.BaselineUsage / l.BaselineHours, l.PeriodUsage / l.PeriodHours)) return null;
            var bRate = (double)r.ScaledBaseline[i] / bu;
            var pRate = (double)l.PeriodCost / l.PeriodUsage;
            any = true;
            if (SameWithin(bRate, pRate)) explained += lineDelta;
            else
            {
                sameRate = false;
                explained += Math.Round((decimal)((l.PeriodUsage - bu) * bRate), 6);
            }
            evidence.Add(new Evidence(period.End, r.ResourceId, EvidenceTypes.Usage, string.Create(CultureInfo.InvariantCulture,
                $"{l.UsageType}: {l.PeriodUsage:#,0.##} in the period vs {bu:#,0.##} in the (scaled) baseline"), null));
        }
        if (!any) return null;
        evidence.InsertRange(0, inWindow.Where(e => e.EventType == EventTypes.UsageChanged).Select(ev));
        return new Attribution(CauseKind.UsageChange, sameRate ? delta : explained, evidence);
    }
}
