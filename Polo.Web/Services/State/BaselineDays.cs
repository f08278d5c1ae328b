using System.Globalization;
using Polo.Data.Analysis;

namespace Polo.Web.Services.State;

/// <summary>
/// A baseline of separate days in the URL: <c>bdays=2026-10-13,2026-10-14,…</c> (the anomaly detector's expected
/// baseline — the same kind of day over its window). When present it replaces <c>bfrom</c>/<c>bto</c> as what the
/// period is decomposed against (<see cref="DeltaBaseline.Days"/>); a bad value is a problem and is ignored.
/// </summary>
public static class BaselineDays
{
    public const string Key = Links.QueryKeys.BaselineDays;
    public const int MaxDays = 400;

    public static IReadOnlyList<DateOnly>? Parse(IReadOnlyDictionary<string, string> query, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(problems);
        if (!query.TryGetValue(Key, out var raw) || string.IsNullOrWhiteSpace(raw)) return null;
        var days = new List<DateOnly>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, RangeSelection.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                problems.Add($"'{Key}' must be days like 2026-10-13,2026-10-14 (got '{RangeSelection.Truncate(part)}'); comparing with bfrom–bto instead.");
                return null;
            }
            days.Add(d);
        }
        if (days.Count is 0 or > MaxDays)
        {
            problems.Add($"'{Key}' needs 1 to {MaxDays} days; comparing with bfrom–bto instead.");
            return null;
        }
        return days.Distinct().Order().ToList();
    }

    public static string Format(IEnumerable<DateOnly> days) => string.Join(",", days.Select(RangeSelection.Day));
}
