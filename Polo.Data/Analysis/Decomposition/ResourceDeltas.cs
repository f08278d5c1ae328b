using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>Combines a resource's mechanism split with the lifecycle cause of its usage part into one
/// <see cref="ResourceDelta"/> whose parts (one per cause, unexplained included) sum exactly to its delta. The resource's
/// Evidence is what explains it; what is merely known about an unexplained part (cost, usage, rates) stays on that part.</summary>
internal static class ResourceDeltas
{
    public static ResourceDelta Build(ResourceChange r, MechanismSplit split, Attribution usage)
    {
        var raw = new List<CausePart>(split.Parts);
        if (usage.Explained != 0)
            raw.Add(new CausePart(usage.Cause, usage.Explained, usage.Evidence, split.Usage is { } f ? f with { On = usage.On } : null));
        var rest = split.UsageAmount - usage.Explained;
        if (rest != 0)
            raw.Add(new CausePart(CauseKind.Unexplained, rest, Known(r, split, usage), split.Usage));

        var parts = raw.GroupBy(p => p.Cause)
            .Select(g => new CausePart(g.Key, g.Sum(p => p.Amount), g.SelectMany(p => p.Evidence).ToList(), Merge(g.ToList())))
            .Where(p => p.Amount != 0)
            .OrderBy(p => p.Cause == CauseKind.Unexplained ? 0 : 1).ThenByDescending(p => Math.Abs(p.Amount))
            .ToList();
        var explained = parts.Where(p => p.Cause != CauseKind.Unexplained).ToList();
        var cause = explained.Count == 0 ? CauseKind.Unexplained : explained.MaxBy(p => Math.Abs(p.Amount))!.Cause;
        return new ResourceDelta(r.ResourceId, r.ResourceType, r.AccountId, r.Service, r.BaselineCost, r.PeriodCost,
            cause, explained.Sum(p => p.Amount), explained.SelectMany(p => p.Evidence).ToList(), parts);
    }

    /// <summary>Where nothing explains a change, what is known: cost, usage and rate in both windows.</summary>
    private static List<Evidence> Known(ResourceChange r, MechanismSplit split, Attribution usage)
    {
        var known = new List<Evidence>(usage.Evidence);
        if (split.Usage is { } f)
            known.Add(new Evidence(r.LastHour, r.ResourceId, EvidenceTypes.Known,
                $"{MechanismSplitter.Money(f.PeriodCost)} for {MechanismSplitter.Qty(f.PeriodUsage, f.Unit)} " +
                $"({MechanismSplitter.Rate(f.PeriodRate, f.Unit)}) in the period vs {MechanismSplitter.Money(f.BaselineCost)} for " +
                $"{MechanismSplitter.Qty(f.BaselineUsage, f.Unit)} ({MechanismSplitter.Rate(f.BaselineRate, f.Unit)}) in the (scaled) baseline",
                null));
        return known;
    }

    /// <summary>Figures of several parts of one cause, summed (a unit only when all agree; the earliest and latest day).</summary>
    public static UsageFigures? Merge(IReadOnlyCollection<CausePart> parts)
    {
        var figures = parts.Select(p => p.Figures).OfType<UsageFigures>().ToList();
        if (figures.Count == 0) return null;
        var units = figures.Select(f => f.Unit).Distinct().ToList();
        return new UsageFigures(figures.Sum(f => f.BaselineUsage), figures.Sum(f => f.PeriodUsage),
            units.Count == 1 ? units[0] : "", figures.Sum(f => f.BaselineCost), figures.Sum(f => f.PeriodCost),
            figures.Min(f => f.On), figures.Max(f => f.Until ?? f.On));
    }
}
