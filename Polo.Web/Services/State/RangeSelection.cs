using System.Globalization;
using Polo.Data.Analysis;
using Polo.Web.Services.Links;

namespace Polo.Web.Services.State;

/// <summary>
/// The time range a page shows and the baseline it compares against, read from the URL.
/// URL form: <c>from</c>/<c>to</c> are inclusive UTC days (<c>2026-08-01</c>); <c>bfrom</c>/<c>bto</c> an optional
/// explicit baseline, otherwise the previous range of equal length. Bad values never throw: they fall back to the
/// defaults and <see cref="Problems"/> says what was ignored, for the page to show. <c>cost</c> picks the
/// <see cref="Data.Analysis.CostType"/> every amount on the page is read in (default amortized).
/// </summary>
public sealed record RangeSelection(TimeRange Range, TimeRange Baseline, bool BaselineIsExplicit, IReadOnlyList<string> Problems,
    CostType CostType = CostTypes.Default)
{
    public const int DefaultDays = 30;
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>Inclusive first day, as the URL writes it.</summary>
    public DateOnly FromDay => DateOnly.FromDateTime(Range.Start);

    /// <summary>Inclusive last day, as the URL writes it.</summary>
    public DateOnly ToDay => DateOnly.FromDateTime(Range.End.AddTicks(-1));

    public int Days => (int)Math.Ceiling(Range.Length.TotalDays);

    /// <summary>
    /// Resolves the selection from query values. The default range is the last <see cref="DefaultDays"/> whole days
    /// that hold data (ending on the last day with cost), or ending today when there is no data yet.
    /// </summary>
    public static RangeSelection From(IReadOnlyDictionary<string, string> query, DataExtent? extent, DateTime? utcNow = null)
    {
        var problems = new List<string>();
        var costType = ParseCostType(query, problems);
        var lastDay = extent?.LastHour is { } last ? DateOnly.FromDateTime(last) : DateOnly.FromDateTime(utcNow ?? DateTime.UtcNow);
        var from = ParseDay(query, QueryKeys.From, problems);
        var to = ParseDay(query, QueryKeys.To, problems);

        var end = to ?? (from is { } f && f.AddDays(DefaultDays - 1) < lastDay ? f.AddDays(DefaultDays - 1) : lastDay);
        var start = from ?? end.AddDays(-(DefaultDays - 1));
        if (start > end)
        {
            problems.Add($"The range starts ({start:yyyy-MM-dd}) after it ends ({end:yyyy-MM-dd}); showing the last {DefaultDays} days instead.");
            end = lastDay;
            start = end.AddDays(-(DefaultDays - 1));
        }
        var range = ToRange(start, end);

        var bfrom = ParseDay(query, QueryKeys.BaselineFrom, problems);
        var bto = ParseDay(query, QueryKeys.BaselineTo, problems);
        if (bfrom is { } bf && bto is { } bt)
        {
            if (bf <= bt) return new RangeSelection(range, ToRange(bf, bt), true, problems, costType);
            problems.Add($"The comparison period starts ({bf:yyyy-MM-dd}) after it ends ({bt:yyyy-MM-dd}); comparing with the previous {range.Length.TotalDays:0} days instead.");
        }
        else if (bfrom is not null || bto is not null)
            problems.Add("A comparison period needs both 'bfrom' and 'bto'; comparing with the previous period of equal length instead.");
        return new RangeSelection(range, range.Previous(), false, problems, costType);
    }

    /// <summary>The cost type of the URL's <c>cost</c> key; an unknown value falls back to the default with a problem.</summary>
    public static CostType ParseCostType(IReadOnlyDictionary<string, string> query, List<string> problems)
    {
        var raw = query.GetValueOrDefault(QueryKeys.Cost);
        if (CostTypes.TryParse(raw, out var type)) return type;
        problems.Add($"'{QueryKeys.Cost}' must be one of {string.Join(", ", CostTypes.All.Select(t => t.ToUrl()))} (got '{Truncate(raw!)}'); showing {CostTypes.Default.ToUrl()}.");
        return CostTypes.Default;
    }

    public static TimeRange ToRange(DateOnly firstDay, DateOnly lastDay) =>
        TimeRange.Create(firstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public static string Day(DateOnly d) => d.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Day(DateTime d) => d.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static DateOnly? ParseDay(IReadOnlyDictionary<string, string> query, string key, List<string> problems)
    {
        if (!query.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw)) return null;
        if (DateOnly.TryParseExact(raw.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        problems.Add($"'{key}' must be a day like 2026-08-01 (got '{Truncate(raw)}'); it was ignored.");
        return null;
    }

    internal static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
