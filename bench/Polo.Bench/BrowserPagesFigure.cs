using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Polo.Bench;

/// <summary>
/// Page-ready times in a real browser: starts Polo.Web (local mode: Development, no sign-in, no scheduler, no seeding)
/// on a database the bench built (<c>--data DIR --browser DB</c>), opens the Explain, Cost delta and Hierarchy pages in
/// headless Chromium (/usr/bin/chromium, through Playwright) and times each on the page's clock from navigation start
/// until the circuit has rendered it with its content and no loading bar (the prerendered page alone does not count). Two app starts: without the warm-up (<c>Polo:WarmDefaultViews=false</c>), where
/// cold = the first visit computes the decomposition; then with it, where the first visit comes after the app logged
/// that the default views were warmed (what a visitor meets after new data landed: the warm-up runs at startup and
/// after each write). Warm = later visits (the shared result cache answers). Limit 1.5 s. The bench must not hold the
/// engine itself: chDB allows one process per data directory.
/// </summary>
internal static class BrowserPagesFigure
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1.5);

    private const string Range = "from=2026-10-02&to=2026-10-31&bfrom=2026-09-02&bto=2026-10-01";

    private static readonly (string Path, string Content, string Label)[] Pages =
    [
        ($"/explain?{Range}", "[data-testid=cause-row]", "Explain (30 days vs the previous 30)"),
        ($"/delta?{Range}", "[data-testid=delta-nodes]", "Cost delta (by customer)"),
        ($"/delta?{Range}&by=cluster", "[data-testid=delta-nodes]", "Cost delta (by cluster)"),
        ("/hierarchy?from=2026-10-02&to=2026-10-31", "[data-testid=hierarchy-node]", "Hierarchy (first 50 customers)"),
    ];

    public static async Task RunAsync(string dataPath, string database, string appDll, int runs)
    {
        if (!File.Exists(appDll)) throw new ArgumentException($"Polo.Web not built at {appDll}: dotnet build Polo.Web -c Release (or pass --app).");
        Console.WriteLine($"browser pages  Polo.Web on {database}, Chromium headless; page ready = the circuit rendered it, content shown, no loading bar (page clock from navigation start); limit {Limit.TotalMilliseconds:N0} ms");
        await RoundAsync(dataPath, database, appDll, runs, warmUp: false);
        await RoundAsync(dataPath, database, appDll, runs, warmUp: true);
        await ViewersAsync(dataPath, database, appDll, runs);
    }

    private static async Task RoundAsync(string dataPath, string database, string appDll, int runs, bool warmUp) =>
        await WithAppAsync(dataPath, database, appDll, warmUp, async (baseUrl, warmed) =>
        {
            var first = "cold (first visit, no warm-up)";
            if (warmUp)
            {
                var sw = Stopwatch.StartNew();
                var line = await warmed.WaitAsync(TimeSpan.FromMinutes(5));
                var ms = System.Text.RegularExpressions.Regex.Match(line, @"in (\d+) ms").Groups[1].Value;
                Console.WriteLine($"  warm-up        the app warmed the default views in {ms} ms in the background ({Timing.Ms(sw.Elapsed)} after it answered /readyz)");
                first = "first visit after the warm-up";
            }
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("POLO_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
            });
            foreach (var (path, content, label) in Pages)
                await PageAsync(browser, baseUrl + path, content, label, first, runs);
        });

    /// <summary>Starts Polo.Web on the database, waits until it answers /readyz, runs <paramref name="body"/> with its
    /// address and the warm-up's log line (when it warms), and stops it.</summary>
    private static async Task WithAppAsync(string dataPath, string database, string appDll, bool warmUp, Func<string, Task<string>, Task> body)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var warmed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var app = StartApp(appDll, dataPath, database, baseUrl, warmUp, line =>
        {
            if (line.Contains("Warmed the default views", StringComparison.Ordinal)) warmed.TrySetResult(line);
        });
        try
        {
            await WaitUpAsync(app, baseUrl);
            await body(baseUrl, warmed.Task);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
    }

    /// <summary>
    /// <see cref="Viewers"/> viewers of one view against one, on the server (each request a prerender: the page's whole
    /// load and render, what a viewer costs the server besides the same render again over its circuit). Cold: each side
    /// is the first request of a fresh app without the warm-up (one alone; then, on a second start, all at once: they
    /// share one decomposition through the single-flight cache). Warm: the cache answers the data, what is left is
    /// per-viewer work — on 2 cores 20 renders at once cannot be as quick as one, so that line has no limit.
    /// </summary>
    private static async Task ViewersAsync(string dataPath, string database, string appDll, int runs)
    {
        var (path, _, label) = Pages[0];
        TimeSpan one = default, warmOne = default;
        TimeSpan[] warmCrowd = [];
        await WithAppAsync(dataPath, database, appDll, warmUp: false, async (baseUrl, _) =>
        {
            one = await GetAsync(baseUrl + path);
            var alone = new List<TimeSpan>();
            for (var i = 0; i < Math.Max(3, runs); i++) alone.Add(await GetAsync(baseUrl + path));
            warmOne = Timing.Percentile(alone, 0.5);
            warmCrowd = await CrowdAsync(baseUrl + path);
        });
        TimeSpan[] crowd = [];
        await WithAppAsync(dataPath, database, appDll, warmUp: false, async (baseUrl, _) =>
            crowd = await CrowdAsync(baseUrl + path));
        var many = Timing.Percentile(crowd, 0.5);
        Console.WriteLine($"  viewers        {label}, cold: {Viewers} prerenders at once median {Timing.Ms(many)} (max {Timing.Ms(crowd.Max())}) vs one {Timing.Ms(one)} " +
                          $"= {many / one:0.0}× (limit 2×): {Timing.Verdict(many <= 2 * one)}");
        var warmMany = Timing.Percentile(warmCrowd, 0.5);
        Console.WriteLine($"  viewers        {label}, warm: {Viewers} prerenders at once median {Timing.Ms(warmMany)} (max {Timing.Ms(warmCrowd.Max())}) vs one {Timing.Ms(warmOne)} " +
                          $"= {warmMany / warmOne:0.0}× (per-viewer work; no limit)");
    }

    private const int Viewers = 20;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary><see cref="Viewers"/> requests of <paramref name="url"/> at once, each timed.</summary>
    private static Task<TimeSpan[]> CrowdAsync(string url) =>
        Task.WhenAll(Enumerable.Range(0, Viewers).Select(_ => Task.Run(() => GetAsync(url))));

    private static async Task<TimeSpan> GetAsync(string url)
    {
        var sw = Stopwatch.StartNew();
        using var response = await Http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return sw.Elapsed;
    }

    /// <summary>True (as the page's clock: ms since navigation start, with the document's response end and first paint)
    /// once the circuit has rendered the page (<c>main[data-interactive=true]</c>, MainLayout), its content shows and no
    /// loading bar is left — checked in one evaluation, so neither the prerendered page (content but not interactive) nor
    /// the circuit's first batch of a page still loading counts.</summary>
    private const string ReadyScript = """
        content => document.querySelector('main[data-interactive=true]') && document.querySelector(content)
            && !document.querySelector('[data-testid=loading]')
            ? [performance.now(), performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0,
               performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0]
            : null
        """;

    private sealed record Visit(TimeSpan Ready, TimeSpan Wall, TimeSpan Document, TimeSpan FirstPaint);

    private static async Task PageAsync(IBrowser browser, string url, string content, string label, string first, int runs)
    {
        var visits = new List<Visit>();
        for (var i = 0; i <= runs; i++)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var sw = Stopwatch.StartNew();
            await page.GotoAsync(url, new PageGotoOptions { Timeout = 120_000 });
            var ready = await page.WaitForFunctionAsync(ReadyScript, content, new PageWaitForFunctionOptions { Timeout = 120_000 });
            var wall = sw.Elapsed;
            var marks = await ready.JsonValueAsync<double[]>();
            var visit = new Visit(TimeSpan.FromMilliseconds(marks[0]), wall, TimeSpan.FromMilliseconds(marks[1]), TimeSpan.FromMilliseconds(marks[2]));
            visits.Add(visit);
            if (i == 0) Console.WriteLine($"  page ready     {label}: {first} {Timing.Ms(visit.Ready)} vs limit {Timing.Ms(Limit)}: {Timing.Verdict(visit.Ready <= Limit)}  ({Parts(visit)})");
        }
        var warm = visits.Skip(1).OrderBy(v => v.Ready).ToList();
        var p95 = Timing.Percentile(warm.Select(v => v.Ready).ToList(), 0.95);
        var median = warm[(warm.Count - 1) / 2];
        Console.WriteLine($"  page ready     {label}: warm p95 {Timing.Ms(p95)} (median {Timing.Ms(median.Ready)}, {warm.Count} visits) vs limit {Timing.Ms(Limit)}: {Timing.Verdict(p95 <= Limit)}  (median visit: {Parts(median)})");
    }

    /// <summary>Where a visit's time went, on the page's clock from navigation start.</summary>
    private static string Parts(Visit v) =>
        $"prerendered document received {v.Document.TotalMilliseconds:N0} ms, first paint {v.FirstPaint.TotalMilliseconds:N0} ms, " +
        $"interactive and loaded {v.Ready.TotalMilliseconds:N0} ms; {v.Wall.TotalMilliseconds:N0} ms on the bench's clock with Playwright's round trips";

    private static Process StartApp(string appDll, string dataPath, string database, string baseUrl, bool warmUp, Action<string> output)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(appDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(appDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Urls"] = baseUrl;
        info.Environment["ClickHouse__DataPath"] = dataPath;
        info.Environment["ClickHouse__Database"] = database;
        info.Environment["Polo__SeedDemoOnFirstRun"] = "false";
        info.Environment["Collection__Scheduler"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Polo__WarmDefaultViews"] = warmUp ? "true" : "false";
        info.Environment["Logging__LogLevel__Polo.Web.Services.Warming"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Polo.Web");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } l) output(l); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } l && l.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine($"  app: {l}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUpAsync(Process app, string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (app.HasExited) throw new InvalidOperationException($"Polo.Web exited with code {app.ExitCode} before it answered.");
            try
            {
                if ((await http.GetAsync($"{baseUrl}/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("Polo.Web did not become ready in 10 minutes.");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
