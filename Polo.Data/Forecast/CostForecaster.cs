using Polo.Data.Analysis;

namespace Polo.Data.Forecast;

/// <summary>Forecasts a node's daily cost (the engine sums the days; the model is <see cref="DailyForecaster"/>) to
/// the end of the month and the quarter of the last actual day.</summary>
public sealed class CostForecaster(ICostQueries costs)
{
    /// <summary>Forecast after <paramref name="lastActualDay"/> (inclusive end of the history) for the cost selected by
    /// <paramref name="filter"/> (null: everything).</summary>
    public async Task<CostForecast> ForecastAsync(DateOnly lastActualDay, CostFilter? filter = null, CostType costType = CostType.Amortized,
        CancellationToken ct = default)
    {
        var quarter = Periods.Quarter(lastActualDay);
        var month = Periods.Month(lastActualDay);
        var historyStart = Min(lastActualDay.AddDays(-(DailyForecaster.MaxHistoryDays - 1)), quarter.Start);
        var range = TimeRange.Create(Periods.Start(historyStart), Periods.Start(lastActualDay.AddDays(1)));
        var daily = await costs.DailyAsync(range, filter, costType, ct).ConfigureAwait(false);
        var history = daily.Select(p => (DateOnly.FromDateTime(p.Bucket), p.Cost)).ToList();
        return Forecast(history, lastActualDay, month, quarter);
    }

    /// <summary>The forecast from a daily history already read (oldest first, ending on <paramref name="lastActualDay"/>).</summary>
    public static CostForecast Forecast(IReadOnlyList<(DateOnly Day, decimal Cost)> history, DateOnly lastActualDay, Period month, Period quarter)
    {
        ArgumentNullException.ThrowIfNull(history);
        var model = DailyForecaster.Fit(history);
        var horizon = Max(month.End, quarter.End);
        var days = new List<ForecastPoint>();
        for (var d = lastActualDay.AddDays(1); d <= horizon; d = d.AddDays(1)) days.Add(model.Predict(d));
        return new CostForecast(model.Method, lastActualDay, model.HistoryDays, days,
            Outlook(model, history, lastActualDay, month), Outlook(model, history, lastActualDay, quarter));
    }

    private static PeriodOutlook Outlook(DailyForecaster model, IReadOnlyList<(DateOnly Day, decimal Cost)> history, DateOnly lastActualDay, Period period)
    {
        var actual = history.Where(h => h.Day >= period.Start && h.Day <= lastActualDay).Sum(h => h.Cost);
        var remaining = new List<DateOnly>();
        for (var d = Max(lastActualDay.AddDays(1), period.Start); d <= period.End; d = d.AddDays(1)) remaining.Add(d);
        var (cost, low, high) = model.PredictSum(remaining);
        return new PeriodOutlook(period.Start, period.End, actual, actual + cost, actual + low, actual + high);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
