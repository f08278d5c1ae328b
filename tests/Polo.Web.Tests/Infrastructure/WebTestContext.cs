using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Budgets;
using Polo.Data.Changes;
using Polo.Web.Services;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>
/// bunit context wired like the app: MudBlazor, the real read-side query services over <see cref="Ch"/>, the
/// data-change notifier and demo-seed status. JS interop is loose (charts and MudBlazor call JS that bunit does not run).
/// Page test classes derive from it; xunit disposes it through <see cref="IAsyncLifetime"/>.
/// </summary>
public class WebTestContext : BunitContext, IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private bool _popovers;

    public WebTestContext(IClickHouse ch)
    {
        Ch = ch;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddMudServices();
        Services.AddSingleton(ch);
        Services.AddSingleton<DataChangeNotifier>();
        Services.AddSingleton<DemoSeedStatus>();
        Services.AddPoloAnalysis();
        Services.AddPoloBudgets();
    }

    /// <summary>Signs the page's user in with <paramref name="role"/> (call before rendering); pages then pass that actor to the services.</summary>
    public void SignInAs(string name, string role)
    {
        this.AddAuthorization().SetAuthorized(name).SetClaims(new System.Security.Claims.Claim(Polo.Web.Auth.PoloClaims.Role, role));
        Services.AddSingleton<Microsoft.AspNetCore.Http.IHttpContextAccessor, Microsoft.AspNetCore.Http.HttpContextAccessor>();
        Services.AddScoped<Polo.Data.Access.ICurrentUser, Polo.Web.Auth.CurrentUser>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are async-disposable only, so the context must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public IClickHouse Ch { get; }

    public NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    public ICostQueries CostQueries => Get<ICostQueries>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Renders <typeparamref name="TPage"/> as if the browser were at <paramref name="relativeUri"/> ("/delta?by=…")
    /// and waits until its first load has finished.</summary>
    public IRenderedComponent<TPage> RenderAt<TPage>(string relativeUri, Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        if (!_popovers) Render<MudPopoverProvider>();
        _popovers = true;
        Nav.NavigateTo(relativeUri);
        var cut = parameters is null ? Render<TPage>() : Render<TPage>(parameters);
        cut.WaitUntilLoaded();
        return cut;
    }

    /// <summary>Navigates like a link click and waits for the page to finish loading the new URL.</summary>
    public void NavigateAndWait<TPage>(IRenderedComponent<TPage> cut, string url) where TPage : IComponent
    {
        Nav.NavigateTo(url);
        cut.WaitUntilLoaded();
    }

    /// <summary>The query-string value of <paramref name="key"/> in the current URL.</summary>
    public string? Query(string key) => UrlState.Query(Nav.Uri).TryGetValue(key, out var v) ? v : null;

    public static string Text(IElement e) => e.TextContent.Trim();
}

public static class RenderedExtensions
{
    /// <summary>Waits (real queries run asynchronously) until the page shows no loading indicator.</summary>
    public static void WaitUntilLoaded<T>(this IRenderedComponent<T> cut) where T : IComponent =>
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='loading']")), WebTestContext.Timeout);

    /// <summary>Waits (real queries run asynchronously) until the page has finished loading and shows <paramref name="testId"/>.</summary>
    public static void WaitFor<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid='loading']"));
            Assert.NotEmpty(cut.FindAll($"[data-testid='{testId}']"));
        }, WebTestContext.Timeout);

    public static IReadOnlyList<IElement> All<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.FindAll($"[data-testid='{testId}']");

    public static string Text<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    /// <summary>The value of an input, given the input or an element wrapping it (MudBlazor puts attributes on either).</summary>
    public static string? InputValue(IElement e) =>
        (e.TagName == "INPUT" ? e : e.QuerySelector("input"))?.GetAttribute("value");
}
