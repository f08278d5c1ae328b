namespace Polo.Web.Services.Links;

/// <summary>
/// Every page's link type, by its <c>@page</c> template, and the link of any URL the app serves. A new page adds its
/// record here (the route test fails until it does).
/// </summary>
public static class PageLinks
{
    private sealed record Entry(string Template, Type Type, Func<QueryValues, PageLink> Parse);

    private static Entry Of<T>() where T : PageLink, IPageLink<T> => new(T.Template, typeof(T), url => T.Parse(url));

    private static readonly Entry[] Entries =
    [
        Of<DashboardLink>(), Of<DeltaLink>(), Of<ExplainLink>(), Of<CostsLink>(), Of<HierarchyLink>(),
        Of<ResourcesLink>(), Of<ResourceLink>(), Of<CollectorsLink>(), Of<BudgetsLink>(), Of<AnomaliesLink>(),
        Of<RulesLink>(), Of<NotificationsLink>(), Of<DigestLink>(),
        Of<NotFoundLink>(), Of<ErrorLink>(),
    ];

    /// <summary>Template → link type, for every page.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = Entries.ToDictionary(e => e.Template, e => e.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>The link of <paramref name="uri"/>'s page (its own keys read back), or null for a path no page has.</summary>
    public static PageLink? Parse(string uri)
    {
        var url = QueryValues.Of(uri);
        return Entries.FirstOrDefault(e => Matches(e.Template, url.Path))?.Parse(url);
    }

    /// <summary>The link of the current page, or <paramref name="fallback"/> when the URL is another page's.</summary>
    public static T Current<T>(string uri, T fallback) where T : PageLink, IPageLink<T> =>
        Parse(uri) as T ?? fallback;

    /// <summary>Whether a base-relative path (no leading '/') is served by <paramref name="template"/>: literal
    /// segments match case-insensitively, <c>{x}</c> one segment, <c>{*x}</c> the rest.</summary>
    public static bool Matches(string template, string path)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(path);
        var t = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var p = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i].StartsWith("{*", StringComparison.Ordinal)) return p.Length > i;
            if (i >= p.Length) return false;
            if (t[i].StartsWith('{')) continue;
            if (!string.Equals(t[i], p[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return p.Length == t.Length;
    }
}
