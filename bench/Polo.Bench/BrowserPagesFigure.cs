using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Polo.Bench;

/// <summary>
/// Page-ready times in a real browser: starts Polo.Web (local mode: Development, no sign-in, no scheduler, no seeding)
/// on a database the bench built (<c>--data DIR --browser DB</c>), opens the Explain and Cost delta pages in headless
/// Chromium (/usr/bin/chromium, through Playwright) and times each from navigation until the loading bar is gone and the
/// page's content shows. Cold = the first visit (the decomposition is computed); warm = later visits (the shared result
/// cache answers). Limit 1.5 s. The bench must not hold the engine itself: chDB allows one process per data directory.
/// </summary>
internal static class BrowserPagesFigure
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1.5);

    public static async Task RunAsync(string dataPath, string database, string appDll, int runs)
    {
        if (!File.Exists(appDll)) throw new ArgumentException($"Polo.Web not built at {appDll}: dotnet build Polo.Web -c Release (or pass --app).");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var app = StartApp(appDll, dataPath, database, baseUrl);
        try
        {
            await WaitUpAsync(app, baseUrl);
            Console.WriteLine($"browser pages  Polo.Web on {database} ({baseUrl}), Chromium headless; page ready = loading bar gone and content shown; limit {Limit.TotalMilliseconds:N0} ms");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("POLO_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
            });
            const string range = "from=2026-10-02&to=2026-10-31&bfrom=2026-09-02&bto=2026-10-01";
            await PageAsync(browser, $"{baseUrl}/explain?{range}", "[data-testid=cause-row]", "Explain (30 days vs the previous 30)", runs);
            await PageAsync(browser, $"{baseUrl}/delta?{range}", "[data-testid=delta-nodes]", "Cost delta (by customer)", runs);
            await PageAsync(browser, $"{baseUrl}/delta?{range}&by=cluster", "[data-testid=delta-nodes]", "Cost delta (by cluster)", runs);
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

    private static async Task PageAsync(IBrowser browser, string url, string content, string label, int runs)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i <= runs; i++)
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var sw = Stopwatch.StartNew();
            await page.GotoAsync(url, new PageGotoOptions { Timeout = 120_000 });
            await page.Locator(content).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
            await page.Locator("[data-testid=loading]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 120_000 });
            times.Add(sw.Elapsed);
            if (i == 0) Console.WriteLine($"  page ready     {label}: cold (first visit) {Timing.Ms(sw.Elapsed)} vs limit {Timing.Ms(Limit)}: {Timing.Verdict(sw.Elapsed <= Limit)}");
        }
        var warm = times.Skip(1).ToList();
        var p95 = Timing.Percentile(warm, 0.95);
        Console.WriteLine($"  page ready     {label}: warm p95 {Timing.Ms(p95)} (median {Timing.Ms(Timing.Percentile(warm, 0.5))}, {warm.Count} visits) vs limit {Timing.Ms(Limit)}: {Timing.Verdict(p95 <= Limit)}");
    }

    private static Process StartApp(string appDll, string dataPath, string database, string baseUrl)
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
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Polo.Web");
        process.OutputDataReceived += (_, _) => { };
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
