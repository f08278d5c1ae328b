using Polo.Data.Vocabulary;

namespace Polo.Web.Services.State;

/// <summary>Reads enum-valued URL parameters (e.g. <c>?by=account_role</c>) with a clear message on bad input.</summary>
public static class QueryEnums
{
    /// <summary>URL form of a grouping (<see cref="Data.Vocabulary.Grouping.ToString"/>): account_role, usage_type…</summary>
    public static string ToUrl(Grouping g) => g.ToString();

    public static Grouping Grouping(IReadOnlyDictionary<string, string> query, string key, Grouping fallback,
        IReadOnlyCollection<Grouping> allowed, List<string> problems)
    {
        if (!query.TryGetValue(key, out var raw) || string.IsNullOrWhiteSpace(raw)) return fallback;
        if (Data.Vocabulary.Grouping.TryParse(raw, out var match) && allowed.Contains(match)) return match;
        problems.Add($"'{key}' must be one of {string.Join(", ", allowed.Select(ToUrl))} (got '{RangeSelection.Truncate(raw)}'); showing {ToUrl(fallback)}.");
        return fallback;
    }

    public static string Label(Grouping g) => g.Kind switch
    {
        GroupingKind.AccountRole => "Account role",
        GroupingKind.UsageType => "Usage type",
        GroupingKind.ResourceType => "Resource type",
        _ => g.Kind.ToString(),
    };
}
