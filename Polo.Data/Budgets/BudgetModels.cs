using Polo.Data.Analysis;
using Polo.Data.Forecast;

namespace Polo.Data.Budgets;

public enum BudgetPeriod
{
    Monthly,
    Quarterly,
}

/// <summary>
/// A stored budget: a target per month or quarter for one node ("" = the whole organisation; else a node id such as
/// <c>customer:acme</c>, <c>account:123…</c>, <c>role:production</c>, <c>cluster:acme/prod-1</c>, <c>service:AmazonEC2</c>).
/// With <see cref="GoldenDate"/> the target is that day's cost of the node × the period's days (the original tool's
/// golden-date baseline) and <see cref="Amount"/> is ignored.
/// </summary>
public sealed record Budget(
    string Id,
    string Name,
    string NodeId,
    BudgetPeriod Period,
    decimal Amount,
    DateOnly? GoldenDate = null,
    CostType CostType = CostTypes.Default)
{
    public CostFilter? Filter => NodeId == "" ? null : new CostFilter(NodeId: NodeId);

    public Period PeriodOf(DateOnly day) => Period == BudgetPeriod.Monthly ? Periods.Month(day) : Periods.Quarter(day);
}

/// <summary>A budget on one day of its period: spend to date against the prorated target, the forecast at the
/// period's end, and the daily actuals and forecast for the burn chart.</summary>
public sealed record BudgetStatus(
    Budget Budget,
    Period Period,
    DateOnly AsOf,
    decimal Target,
    decimal? GoldenDayCost,
    decimal ToDate,
    decimal Prorated,
    PeriodOutlook Outlook,
    ForecastMethod Method,
    int HistoryDays,
    IReadOnlyList<(DateOnly Day, decimal Cost)> Actuals,
    IReadOnlyList<ForecastPoint> ForecastDays)
{
    public int ElapsedDays => AsOf.DayNumber - Period.Start.DayNumber + 1;

    /// <summary>Spend to date as a share of the target (0 when the target is 0).</summary>
    public decimal UsedFraction => Target == 0 ? 0 : ToDate / Target;

    public decimal ForecastFraction => Target == 0 ? 0 : Outlook.Forecast / Target;

    public bool OverProrated => ToDate > Prorated;

    public bool ForecastOver => Outlook.Forecast > Target;
}
