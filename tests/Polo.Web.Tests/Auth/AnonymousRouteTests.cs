using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Polo.Web.Tests.Auth;

/// <summary>
/// Every route the app has — each page (its @page routes, by reflection), the circuit hub, every mapped endpoint (from
/// the EndpointDataSource: API, sign-out, health) — refuses a request without sign-in, except the few that are
/// anonymous on purpose (static assets, health probes, the OIDC callback), which are listed here by name.
/// </summary>
public sealed class AnonymousRouteTests : IAsyncLifetime
{
    private readonly LoopbackOidcProvider _idp = new();
    private PoloWebFactory _app = null!;

    /// <summary>Endpoints anonymous on purpose (route patterns).</summary>
    private static readonly string[] AnonymousOnPurpose = ["/healthz", "/readyz"];

    public Task InitializeAsync()
    {
        _app = new PoloWebFactory(PoloWebFactory.Oidc(_idp));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _idp.Dispose();
    }

    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "x").Replace("//", "/", StringComparison.Ordinal) is var p && p.StartsWith('/') ? p : "/" + p;

    public static IEnumerable<string> PageRoutes() =>
        typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>()).Select(r => Concrete(r.Template)).Distinct();

    private async Task AssertRefusedAsync(HttpClient client, HttpMethod method, string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path));
        var apiOrHub = path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/_blazor", StringComparison.Ordinal);
        var refused = response.StatusCode == HttpStatusCode.Unauthorized
            || (!apiOrHub && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().StartsWith(_idp.Url + "/authorize", StringComparison.Ordinal));
        Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode} {response.Headers.Location} to an anonymous request.");
    }

    [Fact]
    public async Task Every_page_the_hub_and_every_endpoint_refuse_anonymous_requests()
    {
        using var client = _app.Client();
        var pages = PageRoutes().ToList();
        Assert.Contains("/collectors", pages);
        Assert.Contains("/", pages);
        foreach (var page in pages) await AssertRefusedAsync(client, HttpMethod.Get, page);

        // The circuit hub: negotiate and the WebSocket/long-polling endpoint.
        await AssertRefusedAsync(client, HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        await AssertRefusedAsync(client, HttpMethod.Get, "/_blazor?id=x");

        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var checkedCount = 0;
        foreach (var e in endpoints)
        {
            var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            // Static files: the app's and packages' assets, and the API docs' script (the docs page itself needs a viewer).
            var isStaticAsset = e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
                || (pattern.StartsWith("/api/docs/", StringComparison.Ordinal) && (pattern.EndsWith(".js", StringComparison.Ordinal) || pattern.EndsWith(".svg", StringComparison.Ordinal)));
            if (anonymous)
            {
                Assert.True(isStaticAsset || AnonymousOnPurpose.Contains(pattern), $"{pattern} ({e.DisplayName}) allows anonymous access and is not listed as anonymous on purpose.");
                continue;
            }
            var method = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : "GET";
            await AssertRefusedAsync(client, new HttpMethod(method), Concrete(pattern));
            checkedCount++;
        }
        Assert.True(checkedCount >= pages.Count, $"only {checkedCount} endpoints checked");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true);
    }
}
