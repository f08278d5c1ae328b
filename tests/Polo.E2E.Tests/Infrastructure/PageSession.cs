using System.Text.RegularExpressions;

namespace Polo.E2E.Tests.Infrastructure;

/// <summary>
/// One browser context and page for one test, watching for what a user must never see: the Blazor error bar, server
/// error pages, exception text, failed requests for the app's own assets, script errors.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    public const int Timeout = 30_000;

    /// <summary>What the router's fallback page (Pages/NotFound.razor) says for a route no page handles.</summary>
    public const string RouterNotFoundText = "Sorry, the content you are looking for does not exist.";

    /// <summary>Text that only shows up when an exception leaked to the page.</summary>
    private static readonly Regex LeakedError = new(
        @"Exception\b|\bat [\w.`<>]+\.[\w<>`]+\(.*\) in |An error occurred while processing your request|An unhandled error has occurred",
        RegexOptions.Compiled);

    private static readonly byte[] RenderBatch = "JS.RenderBatch"u8.ToArray();

    private readonly string _baseUrl;
    private TaskCompletionSource _interactive = NewSignal();
    private readonly List<string> _failedRequests = new();
    private readonly List<string> _scriptErrors = new();

    private PageSession(IBrowserContext context, IPage page, string baseUrl)
    {
        Context = context;
        Page = page;
        _baseUrl = baseUrl;
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Url.StartsWith(_baseUrl, StringComparison.Ordinal))
                lock (_failedRequests) _failedRequests.Add($"{r.Status} {r.Url}");
        };
        page.PageError += (_, message) => { lock (_scriptErrors) _scriptErrors.Add(message); };
        // Blazor Server: the page is interactive once the circuit's first render batch arrives over its WebSocket.
        page.WebSocket += (_, ws) =>
        {
            if (!ws.Url.Contains("/_blazor", StringComparison.Ordinal)) return;
            var signal = _interactive;
            ws.FrameReceived += (_, frame) =>
            {
                if (frame.Binary is { } bytes ? bytes.AsSpan().IndexOf(RenderBatch) >= 0 : frame.Text?.Contains("JS.RenderBatch") == true)
                    signal.TrySetResult();
            };
        };
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Same-origin responses with status ≥ 400 seen so far (e.g. a script tag pointing at a missing asset).</summary>
    public IReadOnlyList<string> FailedRequests { get { lock (_failedRequests) return _failedRequests.ToList(); } }

    /// <summary>Uncaught script errors seen so far.</summary>
    public IReadOnlyList<string> ScriptErrors { get { lock (_scriptErrors) return _scriptErrors.ToList(); } }

    /// <summary>
    /// A new context; with <paramref name="accessToken"/> it carries the Cloudflare Access cookie the app signs in with.
    /// <paramref name="bypassCsp"/> lets a test inject its own script (the axe audit); every other session keeps the
    /// app's Content-Security-Policy in force.
    /// </summary>
    public static async Task<PageSession> CreateAsync(IBrowser browser, string baseUrl, string? accessToken = null, bool bypassCsp = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "en-US",
            TimezoneId = "UTC",
            BypassCSP = bypassCsp,
        });
        if (accessToken is not null)
            await context.AddCookiesAsync([new Cookie { Name = "CF_Authorization", Value = accessToken, Url = baseUrl }]);
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        return new PageSession(context, page, baseUrl);
    }

    /// <summary>
    /// Opens a path (a full page load); the server must answer the document without a server error. Waits until the
    /// Blazor circuit has rendered: a link clicked on the prerendered page while the circuit starts can be overridden
    /// by the circuit's first render of the old page.
    /// </summary>
    public async Task GotoAsync(string pathAndQuery)
    {
        _interactive = NewSignal();
        var response = await Page.GotoAsync(pathAndQuery);
        Assert.True(response is not null, $"No response for {pathAndQuery}.");
        Assert.True(response!.Status < 500, $"{pathAndQuery} answered HTTP {response.Status}.");
        await WaitForInteractiveAsync();
    }

    /// <summary>Reloads the page (a new circuit) and waits until it is interactive again.</summary>
    public async Task ReloadAsync()
    {
        _interactive = NewSignal();
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
    }

    /// <summary>Waits for the circuit's first render batch after the last full page load.</summary>
    public async Task WaitForInteractiveAsync()
    {
        var signal = _interactive.Task;
        if (await Task.WhenAny(signal, Task.Delay(Timeout)) != signal)
            throw new TimeoutException($"{Page.Url}: the Blazor circuit did not render within {Timeout / 1000} s (no JS.RenderBatch on /_blazor).");
    }

    /// <summary>Waits until no loading indicator (<c>data-testid="loading"</c>) is left on the page.</summary>
    public Task WaitForLoadedAsync() =>
        Expect(Page.Locator("[data-testid=loading]")).ToHaveCountAsync(0, new() { Timeout = Timeout });

    /// <summary>No Blazor error bar, no server error page, no exception or stack trace text.</summary>
    public async Task AssertNoErrorUiAsync()
    {
        await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync(new() { Timeout = 5_000 });
        var text = await Page.Locator("body").InnerTextAsync();
        var leak = LeakedError.Match(text);
        Assert.False(leak.Success, $"{Page.Url} shows error text '{leak.Value}':{Environment.NewLine}{Excerpt(text, leak.Index)}");
    }

    /// <summary>
    /// No uncaught script error since the page opened. Checked on single-page visits only: after in-app navigation
    /// Plotly.Blazor may still try to draw a chart of the page just left (its div is gone), a harmless console error.
    /// </summary>
    public void AssertNoScriptErrors() =>
        Assert.True(ScriptErrors.Count == 0, $"{Page.Url} raised script errors: {string.Join(" | ", ScriptErrors)}");

    /// <summary>
    /// Clicks a control that needs the interactive circuit (a button with a server-side handler) until the URL matches:
    /// clicks on the prerendered page before the circuit is up do nothing, so the click is repeated, not slept on.
    /// </summary>
    public async Task ClickUntilUrlAsync(ILocator control, Regex url, int timeoutMs = Timeout)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            await control.ClickAsync();
            try
            {
                await Expect(Page).ToHaveURLAsync(url, new() { Timeout = 1_500 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>The link of a list item: the item itself when it is an &lt;a href&gt;, else its first link whose href contains <paramref name="hrefPart"/>.</summary>
    public static ILocator LinkIn(ILocator item, string hrefPart) =>
        item.Locator($"xpath=(self::a[contains(@href,'{hrefPart}')] | descendant::a[contains(@href,'{hrefPart}')])[1]");

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at - 200);
        return text.Substring(start, Math.Min(600, text.Length - start));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
