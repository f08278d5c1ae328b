using Polo.Data.Analysis;
using Polo.Data.Forecast;

namespace Polo.Data.Budgets;

/// <summary>Measures a budget on a day: its target (fixed, or the golden day's cost × the period's days), the spend from
/// the period's start through that day, the target prorated by elapsed days and the forecast total at the period's end.</summary>
public sealed class BudgetEvaluator(ICostQueries costs)
{
    private readonly CostForecaster _forecaster = new(costs);

    public async Task<BudgetStatus> StatusAsync(Budget budget, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var period = budget.PeriodOf(asOf);
        decimal? goldenCost = null;
        if (budget.GoldenDate is { } g)
        {
            goldenCost = await costs.TotalAsync(TimeRange.Create(Periods.Start(g), Periods.Start(g.AddDays(1))), budget.Filter, budget.CostType, ct)
                .ConfigureAwait(false);
        }
        var target = goldenCost is { } gc ? Math.Round(gc * period.Days, 2, MidpointRounding.AwayFromZero) : budget.Amount;
        var forecast = await _forecaster.ForecastAsync(asOf, budget.Filter, budget.CostType, ct).ConfigureAwait(false);
        var daily = await costs.DailyAsync(TimeRange.Create(Periods.Start(period.Start), Periods.Start(asOf.AddDays(1))), budget.Filter, budget.CostType, ct)
            .ConfigureAwait(false);
        var actuals = daily.Select(p => (DateOnly.FromDateTime(p.Bucket), p.Cost)).ToList();
        var elapsed = asOf.DayNumber - period.Start.DayNumber + 1;
        var prorated = Math.Round(target * elapsed / period.Days, 2, MidpointRounding.AwayFromZero);
        var outlook = budget.Period == BudgetPeriod.Monthly ? forecast.Month : forecast.Quarter;
        return new BudgetStatus(budget, period, asOf, target, goldenCost, actuals.Sum(a => a.Item2), prorated, outlook, forecast.Method, forecast.HistoryDays, actuals,
            forecast.Days.Where(d => d.Day <= period.End).ToList());
    }
}
