using System.Globalization;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Budgets;
using Polo.Data.Notifications;
using Polo.Data.Vocabulary;

namespace Polo.Data.Digest;

/// <summary>
/// The weekly digest as one alert: the last 7 days with cost against the 7 before (amortized by default), decomposed
/// by mechanism and cause. Sections in order: the unexplained dollars first, the top movers (nodes) with their biggest
/// causes, the biggest causes across the estate, the week's new anomalies, and the budgets' status. Every item links
/// to its bookmarkable view (/explain, /delta, /budgets). The preview page renders exactly this alert.
/// </summary>
public sealed class DigestBuilder(ICostQueries costs, IDeltaDecomposer decomposer, AnomalyDetector detector, BudgetStore budgets, BudgetEvaluator evaluator)
{
    private const int Top = 5;

    /// <summary>The digest of the week ending on <paramref name="lastDay"/> (default: the last day with cost); null without cost data.</summary>
    public async Task<Alert?> BuildAsync(DateOnly? lastDay = null, CostType costType = CostTypes.Default, CancellationToken ct = default)
    {
        DateOnly end;
        if (lastDay is { } given) end = given;
        else if ((await costs.ExtentAsync(ct).ConfigureAwait(false)).LastHour is { } last) end = DateOnly.FromDateTime(last);
        else return null;
        var start = end.AddDays(-6);
        var (bStart, bEnd) = (start.AddDays(-7), start.AddDays(-1));
        var period = Range(start, end);
        var baseline = Range(bStart, bEnd);
        var d = await decomposer.DecomposeAsync(baseline, period, null, null, costType, ct).ConfigureAwait(false);
        var week = $"from={Day(start)}&to={Day(end)}&bfrom={Day(bStart)}&bto={Day(bEnd)}&cost={costType.ToUrl()}";
        var explain = "/explain?" + week;

        var unexplained = new List<AlertItem>
        {
            new($"Unexplained change of the week ({d.Causes.Count(c => c.Cause == CauseKind.Unexplained)} parts)", Money(d.Unexplained), explain),
            new("Unexplained moved dollars (opposite changes not netted)", Money(d.UnexplainedMoved, signed: false), explain),
        };
        var movers = d.Nodes.Where(n => n.Delta != 0).OrderByDescending(n => Math.Abs(n.Delta)).Take(Top).Select(n =>
        {
            var causes = Parts(n).GroupBy(p => p.Cause).Select(g => (Cause: g.Key, Amount: g.Sum(p => p.Amount)))
                .Where(c => c.Amount != 0).OrderByDescending(c => Math.Abs(c.Amount)).Take(2)
                .Select(c => $"{CauseName(c.Cause)} {Money(c.Amount)}");
            return new AlertItem($"{n.Name}: {string.Join(", ", causes)}", Money(n.Delta), $"/delta?{week}&node={Uri.EscapeDataString(n.NodeId)}");
        }).ToList();
        var causesItems = d.Causes.Where(c => c.Cause != CauseKind.Unexplained && c.Amount != 0).OrderByDescending(c => Math.Abs(c.Amount)).Take(Top)
            .Select(c => new AlertItem($"{CauseName(c.Cause)}: {c.Description} ({c.ResourceCount} resources)", Money(c.Amount),
                c.NodeId == "" ? explain : $"/delta?{week}&node={Uri.EscapeDataString(c.NodeId)}")).ToList();
        var anomalies = (await detector.DetectAsync(start, end, new AnomalySettings(CostType: costType), ct).ConfigureAwait(false))
            .Where(a => a.Open).OrderByDescending(a => Math.Abs(a.Impact)).Take(Top)
            .Select(a => new AlertItem($"{a.Severity.ToString().ToLowerInvariant()}: {a.Dimension} {a.Label} on {Day(a.Day)}", Money(a.Impact), AnomalyAlerts.ExplainPath(a)))
            .ToList();
        var budgetItems = new List<AlertItem>();
        foreach (var b in await budgets.ListAsync(ct).ConfigureAwait(false))
        {
            var s = await evaluator.StatusAsync(b, end, ct).ConfigureAwait(false);
            var state = s.Outlook.Forecast > s.Target ? "forecast over" : s.ToDate > s.Prorated ? "ahead of plan" : "on track";
            budgetItems.Add(new AlertItem($"{b.Name}: {state}, {Money(s.ToDate, false)} to date of {Money(s.Target, false)} (prorated {Money(s.Prorated, false)})",
                $"forecast {Money(s.Outlook.Forecast, false)}", $"/budgets?budget={Uri.EscapeDataString(b.Id)}&at={Day(end)}"));
        }
        var change = d.BaselineCost == 0 ? "" : $" ({(d.Delta / d.BaselineCost).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)})";
        return new Alert(
            Key: $"digest|{Day(start)}",
            Kind: Alert.DigestKind,
            Severity: "info",
            SeriesKey: "digest",
            Title: $"Polo weekly digest {Day(start)} – {Day(end)}: {Money(d.PeriodCost, false)}{change}",
            Text: $"The week cost {Money(d.PeriodCost, false)} ({costType.Label().ToLowerInvariant()}) against {Money(d.BaselineCost, false)} the week before: " +
                  $"{Money(d.Delta)}{change}. {Money(d.Delta - d.Unexplained)} of the change is explained by resources and events; {Money(d.Unexplained)} is not.",
            Link: explain,
            Fields: [("Week", $"{Day(start)} – {Day(end)}"), ("Cost", Money(d.PeriodCost, false)), ("Change", Money(d.Delta) + change), ("Unexplained", Money(d.Unexplained))])
        {
            Sections =
            [
                new AlertSection("Unexplained first", unexplained),
                new AlertSection("Top movers and their causes", movers),
                new AlertSection("Biggest causes", causesItems),
                new AlertSection("New anomalies", anomalies),
                new AlertSection("Budgets", budgetItems),
            ],
        };
    }

    private static IEnumerable<CausePart> Parts(DeltaNode n) => n.Resources.SelectMany(r => r.CauseParts).Concat(n.Children.SelectMany(Parts));

    private static string CauseName(string cause) => cause.Replace('_', ' ');

    private static TimeRange Range(DateOnly from, DateOnly to) =>
        TimeRange.Create(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal v, bool signed = true) =>
        v.ToString(signed ? "+$#,##0.00;-$#,##0.00;$0.00" : "$#,##0.00", CultureInfo.InvariantCulture);
}
