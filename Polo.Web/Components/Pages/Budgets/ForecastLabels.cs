using Polo.Data.Forecast;

namespace Polo.Web.Components.Pages.Budgets;

/// <summary>How a forecast was made, in words (dashboard and budgets).</summary>
public static class ForecastLabels
{
    public static string Describe(ForecastMethod method, int historyDays) => method switch
    {
        ForecastMethod.SeasonalTrend => $"weekly pattern + trend over {historyDays} days",
        ForecastMethod.Linear => $"straight line over {historyDays} days (a weekly pattern needs {DailyForecaster.SeasonalMinDays})",
        ForecastMethod.Flat => "mean of the days so far",
        _ => "no history",
    };
}
