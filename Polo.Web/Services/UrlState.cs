using Microsoft.AspNetCore.WebUtilities;

namespace Polo.Web.Services;

/// <summary>Helpers for keeping page state in the query string, so every view is shareable and bookmarkable.</summary>
public static class UrlState
{
    /// <summary>Query keys that travel with navigation between pages.</summary>
    public static readonly string[] Shared = ["from", "to", "theme", "cost"];

    public static IReadOnlyDictionary<string, string> Query(string uri)
    {
        var q = new Uri(uri).Query;
        return QueryHelpers.ParseQuery(q).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsDark(string uri) =>
        Query(uri).TryGetValue("theme", out var t) && t.Equals("dark", StringComparison.OrdinalIgnoreCase);

    /// <summary>The same URI with one key set (or removed when value is null/empty).</summary>
    public static string With(string uri, string key, string? value) => WithMany(uri, new Dictionary<string, string?> { [key] = value });

    public static string WithMany(string uri, IReadOnlyDictionary<string, string?> changes)
    {
        var u = new Uri(uri);
        var q = Query(uri).ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in changes) q[k] = string.IsNullOrEmpty(v) ? null : v;
        var path = u.GetLeftPart(UriPartial.Path);
        return QueryHelpers.AddQueryString(path, q.Where(kv => kv.Value != null)!);
    }

    /// <summary>A link to <paramref name="page"/> carrying the shared state of <paramref name="currentUri"/>.</summary>
    public static string Carry(string currentUri, string page, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var q = Query(currentUri);
        var keep = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in Shared) if (q.TryGetValue(k, out var v)) keep[k] = v;
        if (extra != null) foreach (var (k, v) in extra) keep[k] = v;
        var path = "/" + page.TrimStart('/');
        return QueryHelpers.AddQueryString(path, keep.Where(kv => !string.IsNullOrEmpty(kv.Value))!);
    }
}
