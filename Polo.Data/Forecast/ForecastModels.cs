namespace Polo.Data.Forecast;

/// <summary>How a forecast was made: weekly seasonality plus trend (28+ days of history), a straight line (3–27
/// days), the mean (1–2 days), or nothing (no history).</summary>
public enum ForecastMethod
{
    None,
    Flat,
    Linear,
    SeasonalTrend,
}

/// <summary>Forecast cost of one day with its 95 % prediction interval (never below zero).</summary>
public sealed record ForecastPoint(DateOnly Day, decimal Cost, decimal Low, decimal High);

/// <summary>A period's total: what was spent through the last actual day plus what the forecast adds up to its
/// last day, with the 95 % interval of that sum.</summary>
public sealed record PeriodOutlook(DateOnly Start, DateOnly End, decimal Actual, decimal Forecast, decimal Low, decimal High)
{
    public decimal Remaining => Forecast - Actual;
}

/// <summary>Daily forecast after <see cref="LastActualDay"/> through <see cref="Days"/>' last day, and the outlook of
/// the month and the quarter the last actual day is in.</summary>
public sealed record CostForecast(
    ForecastMethod Method,
    DateOnly LastActualDay,
    int HistoryDays,
    IReadOnlyList<ForecastPoint> Days,
    PeriodOutlook Month,
    PeriodOutlook Quarter);
