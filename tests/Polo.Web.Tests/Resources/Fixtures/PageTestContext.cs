using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Polo.Data;
using Polo.Data.Analysis;

namespace Polo.Web.Tests.Resources.Fixtures;

/// <summary>
/// bunit context wired like the app: MudBlazor services, the real query services over the seeded engine, a change
/// notifier; JS interop loose (charts and MudBlazor call JS that bunit does not run).
/// </summary>
public abstract class PageTestContext : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are async-disposable only, so the context must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    protected PageTestContext(WebEstate estate)
    {
        Estate = estate;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<IClickHouse>(estate.Ch);
        Services.AddSingleton(new DataChangeNotifier());
        Services.AddPoloAnalysis();
        Render<MudPopoverProvider>();
    }

    protected WebEstate Estate { get; }

    protected NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected ICostQueries CostQueries => Services.GetRequiredService<ICostQueries>();

    /// <summary>Renders <typeparamref name="TPage"/> as if the browser were at <paramref name="relativeUrl"/>.</summary>
    protected IRenderedComponent<TPage> RenderAt<TPage>(string relativeUrl, Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        Nav.NavigateTo(relativeUrl);
        var cut = parameters is null ? Render<TPage>() : Render<TPage>(parameters);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=loading]")), Wait);
        return cut;
    }

    /// <summary>Navigates like a link click and waits for the page to finish loading the new URL.</summary>
    protected void NavigateAndWait<TPage>(IRenderedComponent<TPage> cut, string url) where TPage : IComponent
    {
        Nav.NavigateTo(url);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=loading]")), Wait);
    }

    /// <summary>The query-string value of <paramref name="key"/> in the current URL.</summary>
    protected string? Query(string key) =>
        Polo.Web.Services.UrlState.Query(Nav.Uri).TryGetValue(key, out var v) ? v : null;

    protected static string Text(AngleSharp.Dom.IElement e) => e.TextContent.Trim();
}
