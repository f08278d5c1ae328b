namespace Polo.Web.Services;

/// <summary>Links to resource pages. Ids may hold '/', ':' and other reserved characters, so they travel escaped.</summary>
public static class ResourceLinks
{
    public const string DetailPrefix = "resources/";

    /// <summary>"/resources/{escaped id}" carrying the shared URL state (range, theme) of <paramref name="currentUri"/>.</summary>
    public static string Detail(string currentUri, string resourceId) =>
        UrlState.Carry(currentUri, DetailPrefix + Uri.EscapeDataString(resourceId));

    /// <summary>The resource id of a detail-page URL (base-relative, e.g. "resources/arn%3Aaws%3A…%2Fx?from=…"), unescaped once.</summary>
    public static string? IdFromRelative(string relative)
    {
        var path = relative.Split('?', '#')[0];
        if (!path.StartsWith(DetailPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var raw = path[DetailPrefix.Length..];
        return raw.Length == 0 ? null : Uri.UnescapeDataString(raw);
    }
}
