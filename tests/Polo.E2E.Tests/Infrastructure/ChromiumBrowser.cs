namespace Polo.E2E.Tests.Infrastructure;

/// <summary>
/// Launches the system Chromium (Debian package) through Playwright: Playwright's own browser download is not
/// available here. A missing browser is a failure with instructions, never a skip.
/// </summary>
internal static class ChromiumBrowser
{
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-dev-shm-usage",
    ];

    public static string ExecutablePath()
    {
        // POLO_CHROMIUM, when set, is the only candidate: a wrong override must not silently fall back.
        string[] candidates = Environment.GetEnvironmentVariable("POLO_CHROMIUM") is { Length: > 0 } overridden
            ? [overridden]
            : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
        foreach (var path in candidates)
            if (File.Exists(path)) return path;
        throw new InvalidOperationException(
            "Chromium is required for the end-to-end tests and was not found (looked at " + string.Join(", ", candidates) +
            "). Install it with `./scripts/setup.sh --browser` (or `apt-get install -y chromium`), or point POLO_CHROMIUM at a Chromium binary.");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
}
