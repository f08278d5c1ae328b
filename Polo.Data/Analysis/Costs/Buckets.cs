namespace Polo.Data.Analysis.Costs;

/// <summary>Time buckets of a range, so series have a point (possibly zero) for every day or hour.</summary>
internal static class Buckets
{
    public static List<DateTime> Days(TimeRange range)
    {
        var days = new List<DateTime>();
        for (var d = range.Start.Date; d < range.End; d = d.AddDays(1)) days.Add(DateTime.SpecifyKind(d, DateTimeKind.Utc));
        return days;
    }

    public static List<DateTime> Hours(TimeRange range)
    {
        var hours = new List<DateTime>();
        var start = new DateTime(range.Start.Year, range.Start.Month, range.Start.Day, range.Start.Hour, 0, 0, DateTimeKind.Utc);
        for (var h = start; h < range.End; h = h.AddHours(1)) hours.Add(h);
        return hours;
    }

    public static List<CostPoint> Fill(IEnumerable<DateTime> buckets, IReadOnlyDictionary<DateTime, decimal> values) =>
        buckets.Select(b => new CostPoint(b, values.GetValueOrDefault(b))).ToList();
}
