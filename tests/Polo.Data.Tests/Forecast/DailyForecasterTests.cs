using Polo.Data.Forecast;

namespace Polo.Data.Tests.Forecast;

public sealed class DailyForecasterTests
{
    private static readonly DateOnly Start = new(2026, 9, 1); // a Tuesday

    private static List<(DateOnly, decimal)> Series(int days, Func<DateOnly, int, decimal> cost) =>
        Enumerable.Range(0, days).Select(i => (Start.AddDays(i), cost(Start.AddDays(i), i))).ToList();

    [Fact]
    public void Short_history_extends_a_straight_line_to_the_cent()
    {
        var model = DailyForecaster.Fit(Series(10, (_, i) => 100m + 2.5m * i));
        Assert.Equal(ForecastMethod.Linear, model.Method);
        var next = model.Predict(Start.AddDays(10));
        Assert.Equal(125.00m, next.Cost);
        Assert.Equal(125.00m, next.Low);  // an exact line leaves no residual: the interval is the point
        Assert.Equal(125.00m, next.High);
        Assert.Equal((125.00m + 127.50m, 252.50m, 252.50m), model.PredictSum([Start.AddDays(10), Start.AddDays(11)]));
    }

    [Fact]
    public void Four_weeks_or_more_learn_the_weekly_pattern_and_the_trend()
    {
        static decimal Cost(DateOnly d, int i) =>
            (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 40m : 100m) + 0.5m * i;
        var model = DailyForecaster.Fit(Series(35, Cost));
        Assert.Equal(ForecastMethod.SeasonalTrend, model.Method);
        for (var i = 35; i < 49; i++)
        {
            var day = Start.AddDays(i);
            Assert.Equal(Cost(day, i), model.Predict(day).Cost);
        }
    }

    [Fact]
    public void Noise_widens_the_interval_and_the_month_outlook_adds_actuals_to_the_forecast()
    {
        var history = Series(35, (_, i) => i % 2 == 0 ? 110m : 90m); // mean 100, no trend; ends Oct 5
        var last = Start.AddDays(34);
        var forecast = CostForecaster.Forecast(history, last, Periods.Month(last), Periods.Quarter(last));
        Assert.Equal(ForecastMethod.SeasonalTrend, forecast.Method);
        Assert.Equal(new DateOnly(2026, 10, 5), forecast.LastActualDay);
        Assert.Equal(510m, forecast.Month.Actual); // Oct 1–5: 110 + 90 + 110 + 90 + 110
        Assert.Equal(new DateOnly(2026, 12, 31), forecast.Days[^1].Day);
        Assert.Equal(87, forecast.Days.Count);
        var oct6 = forecast.Days[0];
        Assert.True(oct6.Low < oct6.Cost && oct6.Cost < oct6.High);
        Assert.InRange(oct6.Cost, 80m, 120m);
        Assert.Equal(510m, forecast.Quarter.Actual);
        Assert.InRange(forecast.Month.Forecast - (forecast.Month.Actual + forecast.Days.Where(d => d.Day.Month == 10).Sum(d => d.Cost)), -0.15m, 0.15m);
        Assert.True(forecast.Quarter.Low < forecast.Quarter.Forecast && forecast.Quarter.Forecast < forecast.Quarter.High);
        // the interval of a sum grows more slowly than the sum of the days' intervals
        Assert.True(forecast.Month.High - forecast.Month.Forecast < forecast.Days.Where(d => d.Day.Month == 10).Sum(d => d.High - d.Cost));
    }

    [Fact]
    public void One_or_two_days_forecast_their_mean_and_none_forecast_nothing()
    {
        var model = DailyForecaster.Fit([(Start, 10m), (Start.AddDays(1), 20m)]);
        Assert.Equal(ForecastMethod.Flat, model.Method);
        Assert.Equal(15.00m, model.Predict(Start.AddDays(5)).Cost);
        var none = DailyForecaster.Fit([(Start, 0m), (Start.AddDays(1), 0m)]);
        Assert.Equal(ForecastMethod.None, none.Method);
        Assert.Equal(0m, none.Predict(Start.AddDays(2)).Cost);
    }

    [Fact]
    public void Gaps_in_the_history_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DailyForecaster.Fit([(Start, 1m), (Start.AddDays(2), 1m)]));
        Assert.Contains("consecutive", e.Message, StringComparison.Ordinal);
    }
}
