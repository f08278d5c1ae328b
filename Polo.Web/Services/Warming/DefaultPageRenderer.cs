using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Polo.Web.Components.Pages.Delta;
using Polo.Web.Components.Pages.Explain;
using Polo.Web.Components.Pages.Hierarchy;

namespace Polo.Web.Services.Warming;

/// <summary>
/// Renders the default pages once, off any request (<see cref="HtmlRenderer"/>, each in its own scope, at the default
/// URL), so the code of the pages and their components is compiled before the first visitor: a fresh process spent
/// ~0.3-0.6 s compiling on each page's first visit (measured on 2 cores), after their data was warm. The answers come
/// from the warmed shared cache; the HTML is thrown away.
/// </summary>
public sealed class DefaultPageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    private const string BaseUri = "http://localhost/";

    private static readonly (string Path, Type Page)[] Pages =
    [
        ("explain", typeof(ExplainPage)),
        ("delta", typeof(DeltaPage)),
        ("hierarchy", typeof(Hierarchy)),
    ];

    /// <summary>Renders each default page once; returns how many it rendered (none where the app's navigation is not
    /// the server's, e.g. a component test host) and how long it took.</summary>
    public async Task<(int Pages, TimeSpan Took)> RenderAsync(CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var rendered = 0;
        foreach (var (path, page) in Pages)
        {
            ct.ThrowIfCancellationRequested();
            await using var scope = services.CreateAsyncScope();
            if (scope.ServiceProvider.GetRequiredService<NavigationManager>() is not IHostEnvironmentNavigationManager nav) break;
            nav.Initialize(BaseUri, BaseUri + path);
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync(page)).ToHtmlString());
            if (html.Length > 0) rendered++;
        }
        return (rendered, sw.Elapsed);
    }
}
