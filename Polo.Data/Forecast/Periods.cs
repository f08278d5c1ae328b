namespace Polo.Data.Forecast;

/// <summary>Budget and forecast periods: inclusive first and last UTC day.</summary>
public sealed record Period(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber + 1;
}

public static class Periods
{
    public static Period Month(DateOnly day)
    {
        var start = new DateOnly(day.Year, day.Month, 1);
        return new Period(start, start.AddMonths(1).AddDays(-1));
    }

    public static Period Quarter(DateOnly day)
    {
        var start = new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        return new Period(start, start.AddMonths(3).AddDays(-1));
    }

    /// <summary>Midnight UTC at the start of <paramref name="day"/>.</summary>
    public static DateTime Start(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
