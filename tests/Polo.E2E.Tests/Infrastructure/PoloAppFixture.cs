using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Polo.E2E.Tests.Infrastructure;

/// <summary>
/// One app process and one browser for the whole run: starts Polo.Web on a fresh temporary database and a free port
/// with a 30-day demo estate, waits until the demo is seeded and the dashboard shows a cost, and tears everything
/// down (process tree, temporary data) at the end.
/// </summary>
public sealed class PoloAppFixture : IAsyncLifetime
{
    /// <summary>30 days still hold all four injected causes (scale-up at −7.5 d, load test weekly, orphans from −15 d, NAT at −5 d).</summary>
    public const int DemoDays = 30;

    private static readonly TimeSpan SeedTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A dollar amount that is not zero, e.g. "$56,763.90" (not "$0.00").</summary>
    public static readonly Regex NonZeroDollars = new(@"\$\s?(?:[1-9][\d,]*(?:\.\d+)?|0\.\d*[1-9]\d*)");

    private AppProcess? _app;
    private IPlaywright? _playwright;
    private string _dataDir = "";

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>
    /// The folder the app's <c>cur</c> collector reads CUR 2.0 files from (<c>Collection__Cur__Folder</c>): a fresh,
    /// empty temp folder per run, deleted on dispose. Tests drop files here and press Run now on /collectors.
    /// </summary>
    public string CurFolder { get; private set; } = "";

    /// <summary>The demo estate ends at UTC midnight of the day the app started; its last day with data is the day before.</summary>
    public DateOnly LastDataDay { get; private set; }

    /// <summary>The Slack incoming webhook the app alerts to (critical account anomalies only), on loopback.</summary>
    public LoopbackSlack Slack { get; private set; } = null!;

    /// <summary>The app runs in Production behind this stand-in for Cloudflare Access; every browser context signs in as its admin.</summary>
    public TestIdentity Identity { get; private set; } = null!;

    /// <summary>The environment the app was started with (for tests that start a second instance).</summary>
    public IReadOnlyDictionary<string, string> AppEnvironment { get; private set; } = new Dictionary<string, string>();

    /// <summary>The SMTP server the app emails critical account anomalies to, on loopback.</summary>
    public LoopbackSmtp Smtp { get; private set; } = null!;

    /// <summary>The generic JSON webhook the app posts critical account anomalies to (HMAC-signed with <see cref="WebhookSecret"/>).</summary>
    public LoopbackWebhook Webhook { get; private set; } = null!;

    public const string WebhookSecret = "e2e-webhook-secret-0123456789";

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(PageSession.Timeout); // Blazor Server: prerender, then the circuit starts
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync(); // never leave the app process or its temp data behind
            throw;
        }
    }

    private async Task StartAsync()
    {
        var chromium = ChromiumBrowser.ExecutablePath(); // fail fast and clearly before starting anything
        var appDll = TestPaths.AppDll();
        _dataDir = Path.Combine(Path.GetTempPath(), "polo-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dataDir);
        CurFolder = Path.Combine(Path.GetTempPath(), "polo-e2e-cur-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(CurFolder);
        Slack = new LoopbackSlack();
        Identity = new TestIdentity();
        Smtp = new LoopbackSmtp();
        Webhook = new LoopbackWebhook();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        LastDataDay = DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(-1));

        var env = new Dictionary<string, string>
        {
            ["ClickHouse__DataPath"] = _dataDir,
            ["Collection__Cur__Folder"] = CurFolder,
            ["Urls"] = BaseUrl,
            ["Polo__DemoDays"] = DemoDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Polo__SeedDemoOnFirstRun"] = "true",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Information",
            ["Alerts__BaseUrl"] = BaseUrl,
            ["Alerts__Slack__0__Name"] = "e2e",
            ["Alerts__Slack__0__WebhookUrl"] = Slack.Url,
            ["Alerts__Slack__0__MinSeverity"] = "critical",
            ["Alerts__Slack__0__Dimensions__0"] = "account",
            ["Alerts__Smtp__Host"] = "127.0.0.1",
            ["Alerts__Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts__Smtp__Tls"] = "none",
            ["Alerts__Smtp__From"] = "polo@e2e.test",
            ["Alerts__Email__0__Name"] = "e2e",
            ["Alerts__Email__0__To__0"] = "finops@e2e.test",
            ["Alerts__Email__0__MinSeverity"] = "critical",
            ["Alerts__Email__0__Dimensions__0"] = "account",
            ["Alerts__Webhooks__0__Name"] = "e2e",
            ["Alerts__Webhooks__0__Url"] = Webhook.Url,
            ["Alerts__Webhooks__0__Secret"] = WebhookSecret,
            ["Alerts__Webhooks__0__MinSeverity"] = "critical",
            ["Alerts__Webhooks__0__Dimensions__0"] = "account",
        };
        foreach (var (key, value) in Identity.Settings) env[key] = value;
        if (TestPaths.ChdbLibrary() is { } lib) env["POLO_CHDB_LIB"] = lib;
        AppEnvironment = env;

        _app = AppProcess.Start(appDll, env);
        await WaitForSeedingAsync();
        await WaitForHttpAsync();

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            Browser = await ChromiumBrowser.LaunchAsync(_playwright);
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium at {chromium} did not start under Playwright: {e.Message}", e);
        }
        await WaitForDashboardCostAsync();
    }

    /// <summary>
    /// A fresh browser context and page (own cookies and circuit), watched for errors. <paramref name="bypassCsp"/> only
    /// for a test that injects its own script (the axe audit).
    /// </summary>
    public async Task<PageSession> OpenAsync(string pathAndQuery, bool bypassCsp = false)
    {
        var session = await PageSession.CreateAsync(Browser, BaseUrl, Identity.Token(), bypassCsp);
        await session.GotoAsync(pathAndQuery);
        return session;
    }

    public string Url(string pathAndQuery) => BaseUrl + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);

    /// <summary>Failure text with the app's recent console output.</summary>
    public string WithAppLog(string message) =>
        $"{message}{Environment.NewLine}--- last lines of the app's output ---{Environment.NewLine}{_app?.Tail()}";

    private async Task WaitForSeedingAsync()
    {
        var done = await Task.WhenAny(_app!.Seeded, Task.Delay(SeedTimeout));
        if (done != _app.Seeded)
            throw new TimeoutException(WithAppLog($"The {DemoDays}-day demo estate was not seeded within {SeedTimeout.TotalSeconds:0} s."));
        if (await _app.Seeded is { } failure)
            throw new InvalidOperationException(WithAppLog($"The app under test is not usable: {failure}."));
    }

    private async Task WaitForHttpAsync()
    {
        using var http = SignedInHttp();
        var deadline = DateTime.UtcNow + HttpTimeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline && !_app!.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e) { last = e.Message; }
            catch (TaskCanceledException) { last = $"no answer within {http.Timeout.TotalSeconds:0} s"; } // a slow first render: ask again
            await Task.Delay(250);
        }
        throw new TimeoutException(WithAppLog($"{BaseUrl}/ did not answer 200 within {HttpTimeout.TotalSeconds:0} s (last: {last})."));
    }

    /// <summary>The dashboard's period cost (KPI card, or the older total) shows a non-zero dollar amount.</summary>
    private async Task WaitForDashboardCostAsync()
    {
        await using var session = await OpenAsync("/");
        var cost = session.Page.Locator("[data-testid=kpi-cost], [data-testid=total-cost]").First;
        try
        {
            await Expect(cost).ToHaveTextAsync(NonZeroDollars, new() { Timeout = 60_000 });
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException(WithAppLog(
                $"The seeded dashboard at {BaseUrl}/ never showed a non-zero cost in [data-testid=kpi-cost] or [data-testid=total-cost]: {e.Message}"), e);
        }
    }

    /// <summary>An HTTP client that carries the admin's Access token.</summary>
    public HttpClient SignedInHttp()
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("Cf-Access-Jwt-Assertion", Identity.Token());
        return http;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Browser != null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        _app?.Dispose();
        Slack?.Dispose();
        Identity?.Dispose();
        Smtp?.Dispose();
        Webhook?.Dispose();
        foreach (var dir in new[] { _dataDir, CurFolder })
        {
            try
            {
                if (dir != "" && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
            catch (IOException) { /* a file still held open; the temp folder is cleaned by the OS */ }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PoloAppCollection : ICollectionFixture<PoloAppFixture>
{
    public const string Name = "Polo app";
}
