using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Polo.E2E.Tests.Accessibility;

/// <summary>The app's <c>@page</c> routes, found by reflection over Polo.Web, so a new page is checked without editing
/// the tests. A route with a parameter needs a sample value (<see cref="NeedsParameter"/>).</summary>
public static class AppRoutes
{
    public static IReadOnlyList<string> Templates() =>
        typeof(Polo.Web.Services.Links.PageLink).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The parameter a template needs ("ResourceId" for /resources/{*ResourceId}), or null.</summary>
    public static string? NeedsParameter(string template)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        if (open < 0) return null;
        return template[(open + 1)..template.IndexOf('}', open)].TrimStart('*').Split(':', '?')[0];
    }

    /// <summary>The template with its parameter replaced by an escaped <paramref name="value"/>.</summary>
    public static string Fill(string template, string value)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        return template[..open] + Uri.EscapeDataString(value) + template[(template.IndexOf('}', open) + 1)..];
    }
}
