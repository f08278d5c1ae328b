using System.Diagnostics;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Anomalies;
using Polo.Data.Forecast;

namespace Polo.Bench;

/// <summary>
/// The <c>forecast</c> figure: a backtest on the 90-day demo estate. The last <see cref="HeldOut"/> days are held out,
/// the model is fitted on the days before them and its daily forecasts are compared with what happened (MAPE), for the
/// total and per customer (mean of the customers' MAPEs). The held-out days include the demo's injected changes and
/// one-day spikes, which no forecast can know. Also times anomaly detection over 60 days.
/// </summary>
internal static class ForecastFigure
{
    public const int HeldOut = 14;
    public const double TargetMapePercent = 10;

    public static async Task RunAsync(IClickHouse ch, DateTime end)
    {
        var costs = new CostQueries(ch);
        var lastDay = DateOnly.FromDateTime(end.AddDays(-1));
        var cutoff = lastDay.AddDays(-HeldOut);
        var total = await MapeAsync(costs, cutoff, lastDay, null);
        var customers = await costs.BreakdownAsync(TimeRange.Create(end.AddDays(-30), end), Polo.Data.Vocabulary.Grouping.Customer);
        var perCustomer = new List<double>();
        foreach (var c in customers.Where(c => c.Key.StartsWith("customer:", StringComparison.Ordinal)))
            perCustomer.Add(await MapeAsync(costs, cutoff, lastDay, new CostFilter(NodeId: c.Key)));
        Console.WriteLine($"forecast     backtest, last {HeldOut} days held out: total MAPE {total:0.0} % (target ≤ {TargetMapePercent:0} %), " +
                          $"mean per-customer MAPE {perCustomer.Average():0.0} % over {perCustomer.Count} customers");

        var detector = new AnomalyDetector(ch);
        IReadOnlyList<Anomaly> found = [];
        var sw = Stopwatch.StartNew();
        found = await detector.DetectAsync(lastDay.AddDays(-59), lastDay);
        Console.WriteLine($"anomalies    60 days × 6 dimensions, default settings: {found.Count} anomalies in {Timing.Ms(sw.Elapsed)}");
    }

    private static async Task<double> MapeAsync(CostQueries costs, DateOnly cutoff, DateOnly lastDay, CostFilter? filter)
    {
        var daily = await costs.DailyAsync(TimeRange.Create(Periods.Start(cutoff.AddDays(-(DailyForecaster.MaxHistoryDays - 1))), Periods.Start(lastDay.AddDays(1))), filter);
        var history = daily.Select(p => (DateOnly.FromDateTime(p.Bucket), p.Cost)).ToList();
        var model = DailyForecaster.Fit(history.Where(h => h.Item1 <= cutoff).ToList());
        var errors = history.Where(h => h.Item1 > cutoff && h.Cost != 0)
            .Select(h => (double)Math.Abs(model.Predict(h.Item1).Cost - h.Cost) / (double)h.Cost).ToList();
        return errors.Count == 0 ? 0 : errors.Average() * 100;
    }
}
