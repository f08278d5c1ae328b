using Polo.Web.Services.Links;

namespace Polo.Web.Services;

/// <summary>Reads page state from the query string. Links are built by the typed <see cref="PageLink"/> records only.</summary>
public static class UrlState
{
    /// <summary>The query values of <paramref name="uri"/> (keys case-insensitive).</summary>
    public static IReadOnlyDictionary<string, string> Query(string uri) => QueryValues.Of(uri).All;

    public static bool IsDark(string uri) => CarriedState.Of(uri).Dark;
}
