using System.Globalization;

namespace Polo.Web.Services.State;

/// <summary>Reads whole-number URL parameters (<c>?rows=</c>, <c>?page=</c>) with a clear message on bad input.</summary>
public static class QueryNumbers
{
    /// <summary>The number at <paramref name="key"/> when it is a whole number from 1 (to <paramref name="max"/> when
    /// given); otherwise <paramref name="fallback"/>, with a problem naming the bad value and what is shown instead
    /// (<paramref name="showing"/>).</summary>
    public static int WholeNumber(IReadOnlyDictionary<string, string> query, string key, int fallback, int? max, string showing,
        List<string> problems)
    {
        if (!query.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && (max is null || n <= max)) return n;
        var allowed = max is null ? "from 1" : $"from 1 to {max}";
        problems.Add($"'{key}' must be a whole number {allowed} (got '{RangeSelection.Truncate(raw)}'); showing {showing}.");
        return fallback;
    }
}
