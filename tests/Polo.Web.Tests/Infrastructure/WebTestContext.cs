using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Web.Services;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>
/// bunit context wired like the app: MudBlazor, the real read-side query services over <paramref name="ch"/>, the
/// data-change notifier and demo-seed status. JS interop is loose (charts render without a browser).
/// </summary>
public class WebTestContext : BunitContext
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public WebTestContext(IClickHouse ch)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLogging();
        Services.AddMudServices();
        Services.AddSingleton(ch);
        Services.AddSingleton<DataChangeNotifier>();
        Services.AddSingleton<DemoSeedStatus>();
        Services.AddPoloAnalysis();
    }

    public NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Renders <typeparamref name="TPage"/> as if the browser were at <paramref name="relativeUri"/> ("/delta?by=…").</summary>
    public IRenderedComponent<TPage> RenderAt<TPage>(string relativeUri) where TPage : IComponent
    {
        Nav.NavigateTo(relativeUri);
        Render<MudPopoverProvider>();
        return Render<TPage>();
    }
}

public static class RenderedExtensions
{
    /// <summary>Waits (real queries run asynchronously) until the page has finished loading and shows <paramref name="testId"/>.</summary>
    public static void WaitFor<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid='loading']"));
            Assert.NotEmpty(cut.FindAll($"[data-testid='{testId}']"));
        }, WebTestContext.Timeout);

    public static IReadOnlyList<AngleSharp.Dom.IElement> All<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.FindAll($"[data-testid='{testId}']");

    public static string Text<T>(this IRenderedComponent<T> cut, string testId) where T : IComponent =>
        cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    /// <summary>The value of an input, given the input or an element wrapping it (MudBlazor puts attributes on either).</summary>
    public static string? InputValue(AngleSharp.Dom.IElement e) =>
        (e.TagName == "INPUT" ? e : e.QuerySelector("input"))?.GetAttribute("value");
}
