using System.Globalization;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>A resource's delta split by billing mechanism. <see cref="UsageAmount"/> is the usage change at the old
/// rate (what lifecycle causes explain); <see cref="Parts"/> are the rest: rate change or commitment coverage from the
/// price-volume split, and each non-usage line's mechanism (fees, credit, refund, tax, support, discount).
/// UsageAmount + Σ Parts == the resource's delta, exactly.</summary>
internal sealed record MechanismSplit(decimal UsageAmount, IReadOnlyList<CausePart> Parts, UsageFigures? Usage);

internal static class MechanismSplitter
{
    /// <summary>Covered share difference still counted as "the same coverage".</summary>
    private const double SameCoverage = 0.005;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static MechanismSplit Split(ResourceChange r, DateTime periodEnd)
    {
        var parts = new List<CausePart>();
        decimal usageAmount = 0;
        var indexed = r.Lines.Select((l, i) => (Line: l, Baseline: r.ScaledBaseline[i], Usage: r.ScaledUsage[i])).ToList();

        foreach (var g in indexed.Where(x => LineItemTypes.IsUsage(x.Line.LineItemType)).GroupBy(x => x.Line.UsageType))
        {
            var cb = g.Sum(x => x.Baseline);
            var cp = g.Sum(x => x.Line.PeriodCost);
            var ub = g.Sum(x => x.Usage);
            var up = g.Sum(x => x.Line.PeriodUsage);
            var unit = g.Select(x => x.Line.PricingUnit).FirstOrDefault(u => u != "") ?? "";
            // Price-volume split: usage change at the old rate, plus the rate change at the new usage.
            var usage = ub > 0 && up > 0 ? Math.Round((decimal)(up - ub) * (cb / (decimal)ub), 6) : cp - cb;
            usageAmount += usage;
            var rate = cp - cb - usage;
            if (rate == 0) continue;
            var covB = g.Where(x => LineItemTypes.IsCovered(x.Line.LineItemType)).Sum(x => x.Usage) / ub;
            var covP = g.Where(x => LineItemTypes.IsCovered(x.Line.LineItemType)).Sum(x => x.Line.PeriodUsage) / up;
            var covered = g.Where(x => LineItemTypes.IsCovered(x.Line.LineItemType)).Select(x => x.Line).ToList();
            var (cause, on) = covP - covB > SameCoverage ? (CauseKind.CoverageGained, covered.Min(l => (DateTime?)l.FirstHour))
                : covB - covP > SameCoverage ? (CauseKind.CoverageLost, covered.Max(l => (DateTime?)l.LastHour))
                : (CauseKind.RateChange, null);
            var figures = new UsageFigures(ub, up, unit, cb, cp, on);
            var coverage = cause == CauseKind.RateChange ? "" : string.Create(Inv, $"; covered {covP:P0} vs {covB:P0}");
            var summary = $"{g.Key}: {Qty(up, unit)} at {Rate(figures.PeriodRate, unit)} vs {Qty(ub, unit)} at {Rate(figures.BaselineRate, unit)}{coverage}";
            parts.Add(new CausePart(cause, rate, [new Evidence(on ?? periodEnd, r.ResourceId, EvidenceTypes.Rate, summary, null)], figures));
        }

        foreach (var x in indexed.Where(x => !LineItemTypes.IsUsage(x.Line.LineItemType)))
        {
            var delta = x.Line.PeriodCost - x.Baseline;
            if (delta == 0) continue;
            var l = x.Line;
            var how = l.PerBillingPeriod == 1 ? " (billed per billing period)" : "";
            var summary = $"{l.LineItemType} {l.UsageType}: {Money(l.PeriodCost)} in the period vs {Money(x.Baseline)} in the baseline{how}";
            parts.Add(new CausePart(LineItemTypes.Mechanism(l, delta), delta,
                [new Evidence(periodEnd, r.ResourceId, EvidenceTypes.BillLine, summary, null)],
                new UsageFigures(x.Usage, l.PeriodUsage, l.PricingUnit, x.Baseline, l.PeriodCost)));
        }

        var usageLines = indexed.Where(x => LineItemTypes.IsUsage(x.Line.LineItemType)).ToList();
        var usageFigures = usageLines.Count == 0 ? null : new UsageFigures(usageLines.Sum(x => x.Usage),
            usageLines.Sum(x => x.Line.PeriodUsage),
            usageLines.Select(x => x.Line.PricingUnit).Distinct().Count() == 1 ? usageLines[0].Line.PricingUnit : "",
            usageLines.Sum(x => x.Baseline), usageLines.Sum(x => x.Line.PeriodCost));
        return new MechanismSplit(usageAmount, parts, usageFigures);
    }

    public static string Qty(double amount, string unit) =>
        string.Create(Inv, $"{amount:#,0.##}") + (unit == "" ? "" : " " + ShortUnit(unit));

    public static string Rate(decimal? rate, string unit) => rate is null ? "no usage"
        : string.Create(Inv, $"${rate.Value:0.00####}") + "/" + (unit == "" ? "unit" : ShortUnit(unit));

    public static string Money(decimal amount) => CauseDescriber.Amount(amount).TrimStart('+');

    private static string ShortUnit(string unit) => unit.ToLowerInvariant() switch
    {
        "hrs" or "hours" or "hour" or "hr" => "h",
        _ => unit,
    };
}
