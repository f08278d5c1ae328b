using Polo.Data.Analysis;

namespace Polo.Web.Services.State;

/// <summary>Reads enum-valued URL parameters (e.g. <c>?by=account_role</c>) with a clear message on bad input.</summary>
public static class QueryEnums
{
    /// <summary>URL form of a grouping: snake_case of the enum name (AccountRole → account_role).</summary>
    public static string ToUrl(Grouping g) =>
        string.Concat(g.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static Grouping Grouping(IReadOnlyDictionary<string, string> query, string key, Grouping fallback,
        IReadOnlyCollection<Grouping> allowed, List<string> problems)
    {
        if (!query.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw)) return fallback;
        var match = allowed.FirstOrDefault(g => ToUrl(g).Equals(raw.Trim(), StringComparison.OrdinalIgnoreCase), (Grouping)(-1));
        if ((int)match >= 0) return match;
        problems.Add($"'{key}' must be one of {string.Join(", ", allowed.Select(ToUrl))} (got '{RangeSelection.Truncate(raw)}'); showing {ToUrl(fallback)}.");
        return fallback;
    }

    public static string Label(Grouping g) => g switch
    {
        Data.Analysis.Grouping.AccountRole => "Account role",
        Data.Analysis.Grouping.UsageType => "Usage type",
        Data.Analysis.Grouping.ResourceType => "Resource type",
        _ => g.ToString(),
    };
}
