using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Polo.Data.Forecast;

/// <summary>
/// Least-squares model of daily cost: intercept, linear trend and a dummy per weekday (Sunday is the base) when the
/// history holds at least <see cref="SeasonalMinDays"/> days; intercept and trend only for shorter histories; the mean
/// for one or two days. Prediction intervals are the model's (Student t, 95 %): for a single day
/// σ·√(1 + x₀ᵀ(XᵀX)⁻¹x₀), for a sum of k days σ·√(k + sᵀ(XᵀX)⁻¹s) with s the sum of the days' rows.
/// </summary>
public sealed class DailyForecaster
{
    public const int SeasonalMinDays = 28;
    public const int LinearMinDays = 3;
    /// <summary>How far back the model looks: eight weeks keeps the trend local.</summary>
    public const int MaxHistoryDays = 56;

    private readonly DateOnly _origin;
    private readonly Vector<double> _beta;
    private readonly Matrix<double> _covariance; // (XᵀX)⁻¹
    private readonly double _sigma;
    private readonly double _t;

    public ForecastMethod Method { get; }
    public int HistoryDays { get; }

    private DailyForecaster(ForecastMethod method, int n, DateOnly origin, Vector<double> beta, Matrix<double> covariance, double sigma, double t)
    {
        Method = method;
        HistoryDays = n;
        _origin = origin;
        _beta = beta;
        _covariance = covariance;
        _sigma = sigma;
        _t = t;
    }

    /// <summary>Fits the daily costs (consecutive days, oldest first). Leading zero days (before the first cost) are
    /// ignored; only the last <see cref="MaxHistoryDays"/> days are used.</summary>
    public static DailyForecaster Fit(IReadOnlyList<(DateOnly Day, decimal Cost)> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var days = history.SkipWhile(d => d.Cost == 0).ToList();
        if (days.Count > MaxHistoryDays) days = days.Skip(days.Count - MaxHistoryDays).ToList();
        for (var i = 1; i < days.Count; i++)
        {
            if (days[i].Day != days[i - 1].Day.AddDays(1))
                throw new ArgumentException($"The history must be consecutive days ({days[i - 1].Day:yyyy-MM-dd} is followed by {days[i].Day:yyyy-MM-dd}).", nameof(history));
        }
        var n = days.Count;
        var method = n >= SeasonalMinDays ? ForecastMethod.SeasonalTrend : n >= LinearMinDays ? ForecastMethod.Linear : n > 0 ? ForecastMethod.Flat : ForecastMethod.None;
        var origin = n > 0 ? days[0].Day : default;
        var p = Columns(method);
        if (n == 0) return new DailyForecaster(method, 0, origin, Vector<double>.Build.Dense(1), Matrix<double>.Build.Dense(1, 1), 0, 0);

        var x = Matrix<double>.Build.DenseOfRowArrays(days.Select(d => Row(method, origin, d.Day)));
        var y = Vector<double>.Build.DenseOfEnumerable(days.Select(d => (double)d.Cost));
        var xtx = x.TransposeThisAndMultiply(x);
        var covariance = xtx.Inverse();
        var beta = covariance * x.TransposeThisAndMultiply(y);
        var dof = n - p;
        var rss = (y - x * beta).PointwisePower(2).Sum();
        var sigma = dof > 0 ? Math.Sqrt(Math.Max(0, rss) / dof) : 0;
        var t = dof > 0 ? StudentT.InvCDF(0, 1, dof, 0.975) : 0;
        return new DailyForecaster(method, n, origin, beta, covariance, sigma, t);
    }

    /// <summary>Forecast of one day with its interval.</summary>
    public ForecastPoint Predict(DateOnly day)
    {
        if (Method == ForecastMethod.None) return new ForecastPoint(day, 0, 0, 0);
        var x0 = Vector<double>.Build.DenseOfArray(Row(Method, _origin, day));
        var y = x0 * _beta;
        var se = _sigma * Math.Sqrt(1 + x0 * (_covariance * x0));
        return new ForecastPoint(day, Money(Math.Max(0, y)), Money(Math.Max(0, y - _t * se)), Money(Math.Max(0, y + _t * se)));
    }

    /// <summary>Forecast of the sum over <paramref name="days"/> with the interval of the sum (cost, low, high).</summary>
    public (decimal Cost, decimal Low, decimal High) PredictSum(IReadOnlyCollection<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (Method == ForecastMethod.None || days.Count == 0) return (0, 0, 0);
        var s = Vector<double>.Build.Dense(Columns(Method));
        foreach (var d in days) s += Vector<double>.Build.DenseOfArray(Row(Method, _origin, d));
        var y = s * _beta;
        var se = _sigma * Math.Sqrt(days.Count + s * (_covariance * s));
        return (Money(Math.Max(0, y)), Money(Math.Max(0, y - _t * se)), Money(Math.Max(0, y + _t * se)));
    }

    private static int Columns(ForecastMethod method) => method switch
    {
        ForecastMethod.SeasonalTrend => 8,
        ForecastMethod.Linear => 2,
        _ => 1,
    };

    private static double[] Row(ForecastMethod method, DateOnly origin, DateOnly day)
    {
        var t = day.DayNumber - origin.DayNumber;
        return method switch
        {
            ForecastMethod.SeasonalTrend =>
            [
                1, t,
                day.DayOfWeek == DayOfWeek.Monday ? 1 : 0, day.DayOfWeek == DayOfWeek.Tuesday ? 1 : 0,
                day.DayOfWeek == DayOfWeek.Wednesday ? 1 : 0, day.DayOfWeek == DayOfWeek.Thursday ? 1 : 0,
                day.DayOfWeek == DayOfWeek.Friday ? 1 : 0, day.DayOfWeek == DayOfWeek.Saturday ? 1 : 0,
            ],
            ForecastMethod.Linear => [1, t],
            _ => [1],
        };
    }

    private static decimal Money(double v) => double.IsFinite(v) ? Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero) : 0m;
}
