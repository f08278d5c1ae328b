using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Screenshots;

/// <summary>
/// Full-page screenshots of every page in light and dark, for review: saved under the test bin's screenshots/ folder
/// and copied to artifacts/screenshots/ at the repository root (gitignored). Each page must also load all its own
/// scripts and styles (no same-origin request failing).
/// </summary>
[Collection(PoloAppCollection.Name)]
public sealed class ScreenshotTests(PoloAppFixture app)
{
    private const long MinBytes = 10 * 1024;
    private const string ResourceDetail = "resource-detail";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var theme in new[] { "light", "dark" })
            foreach (var page in new[] { "/", "/delta", "/explain", "/costs", "/hierarchy", "/resources", ResourceDetail, "/collectors", "/budgets", "/anomalies", "/rules", "/notifications", "/digest", "/admin/tokens" })
                data.Add(page, theme);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_renders_without_errors_and_is_captured(string page, string theme)
    {
        var path = page == ResourceDetail ? await FirstResourcePathAsync() : page;
        var url = theme == "dark" ? path + (path.Contains('?') ? "&" : "?") + "theme=dark" : path;

        await using var s = await app.OpenAsync(url);
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await s.WaitForLoadedAsync();
        await Expect(s.Page.Locator(".mud-main-content")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\w"));
        await Expect(s.Page.GetByText(PageSession.RouterNotFoundText)).ToHaveCountAsync(0);
        // Charts draw after the circuit delivers their data: capture them drawn, not as empty frames.
        await s.Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll(\"div[id^='PlotlyChart']\")].every(d => d.querySelector('.main-svg'))");
        await s.AssertNoErrorUiAsync();
        s.AssertNoScriptErrors();
        Assert.True(s.FailedRequests.Count == 0, $"{url} requested missing or failing URLs: {string.Join(", ", s.FailedRequests)}");

        var name = (page == "/" ? "dashboard" : page.Trim('/').Replace('/', '-')) + "-" + theme + ".png";
        var file = Path.Combine(TestPaths.ScreenshotsInBin, name);
        Directory.CreateDirectory(TestPaths.ScreenshotsInBin);
        await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

        var size = new FileInfo(file).Length;
        Assert.True(size > MinBytes, $"{name} is only {size} bytes: {url} rendered (almost) nothing.");
        Directory.CreateDirectory(TestPaths.ScreenshotsInArtifacts);
        File.Copy(file, Path.Combine(TestPaths.ScreenshotsInArtifacts, name), overwrite: true);
    }

    private static string? _resourcePath;

    /// <summary>The detail page of the first resource the resources list links to (looked up once per run).</summary>
    private async Task<string> FirstResourcePathAsync()
    {
        if (_resourcePath is not null) return _resourcePath;
        await using var s = await app.OpenAsync("/resources");
        var link = PageSession.LinkIn(s.Page.GetByTestId("resource-row").First, "resources/");
        await Expect(link).ToHaveCountAsync(1);
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("resource-row link without href");
        return _resourcePath = new Uri(new Uri(app.BaseUrl + "/"), href).PathAndQuery;
    }
}
