using System.Text.Json;
using Polo.E2E.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Polo.E2E.Tests.Accessibility;

/// <summary>
/// axe-core on every <c>@page</c> route (found by reflection, so new pages are covered), light and dark, and on the
/// empty, error and not-found states: no serious or critical violation outside <c>axe-exceptions.json</c>, one h1,
/// a main landmark and headings that never skip a level. Each case's findings (all impacts) are written to
/// artifacts/accessibility/ for review. Run alone: <c>dotnet test tests/Polo.E2E.Tests --filter Category=Accessibility</c>.
/// </summary>
[Collection(PoloAppCollection.Name)]
[Trait("Category", "Accessibility")]
public sealed class AccessibilityTests(PoloAppFixture app, ITestOutputHelper output)
{
    private static readonly string[] Themes = ["light", "dark"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>States reached by URL: (name, route template the state belongs to, URL).</summary>
    private static readonly (string Name, string Route, string Url)[] States =
    [
        ("empty-dashboard", "/", "/?from=2020-01-01&to=2020-01-07"),
        ("empty-delta", "/delta", "/delta?from=2020-01-01&to=2020-01-07"),
        ("empty-costs", "/costs", "/costs?from=2020-01-01&to=2020-01-07"),
        ("empty-resources", "/resources", "/resources?q=no-such-resource-anywhere"),
        // A range ending on the last representable day cannot be read: the page shows its error notice.
        ("error-dashboard", "/", "/?from=9999-12-25&to=9999-12-31"),
        ("error-explain", "/explain", "/explain?from=9999-12-25&to=9999-12-31"),
        ("bad-parameter-delta", "/delta", "/delta?by=nope&from=banana"),
        ("not-found-resource", "/resources/{*ResourceId}", "/resources/does-not-exist"),
        ("not-found-route", "/not-found", "/no-such-page"),
        ("not-found-node-delta", "/delta", "/delta?node=customer:no-such-customer"),
        ("not-found-node-hierarchy", "/hierarchy", "/hierarchy?node=customer:no-such-customer"),
    ];

    public static TheoryData<string, string, string> Routes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var theme in Themes)
            foreach (var template in AppRoutes.Templates())
                data.Add(template, template, theme);
        return data;
    }

    public static TheoryData<string, string, string> StateCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var theme in Themes)
            foreach (var (name, _, _) in States)
                data.Add(name, name, theme);
        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_passes_axe(string name, string template, string theme)
    {
        var url = AppRoutes.NeedsParameter(template) switch
        {
            null => template,
            "ResourceId" => AppRoutes.Fill(template, await FirstResourceIdAsync()),
            var p => throw new InvalidOperationException($"@page \"{template}\" needs a sample '{p}': add one to {nameof(AccessibilityTests)}."),
        };
        await CheckAsync(name, template, url, theme, expectH1: template != "/Error");
    }

    [Theory]
    [MemberData(nameof(StateCases))]
    public async Task Empty_error_and_not_found_states_pass_axe(string name, string state, string theme)
    {
        var (_, route, url) = States.Single(s => s.Name == state);
        await CheckAsync(name, route, url, theme, expectH1: true);
    }

    [Fact]
    public void The_exceptions_name_their_reason_and_never_cover_colour_contrast() =>
        Assert.All(AxeException.Load(), e => Assert.False(e.Rule.Contains("contrast", StringComparison.OrdinalIgnoreCase)));

    private async Task CheckAsync(string name, string route, string url, string theme, bool expectH1)
    {
        var themed = theme == "dark" ? url + (url.Contains('?') ? "&" : "?") + "theme=dark" : url;
        await using var s = await app.OpenAsync(themed, bypassCsp: true); // axe is injected; the CSP test covers the policy
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await s.WaitForLoadedAsync();
        await s.Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll(\"div[id^='PlotlyChart']\")].every(d => d.querySelector('.main-svg'))");
        if (name.StartsWith("error-", StringComparison.Ordinal)) await Expect(s.Page.GetByTestId("error-notice")).ToBeVisibleAsync();

        var nodes = await AxeRunner.RunAsync(s.Page);
        var exceptions = AxeException.Load();
        var blocking = nodes.Where(n => n.Blocking && !exceptions.Any(e => e.Covers(route, n))).ToList();
        var structure = await StructureProblemsAsync(s.Page, expectH1);
        Report(name, theme, themed, nodes, structure);

        Assert.True(blocking.Count == 0 && structure.Count == 0,
            $"{themed}: {blocking.Count} serious/critical axe violation(s), {structure.Count} structure problem(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, structure.Concat(blocking.Select(b => b.ToString()))));
    }

    /// <summary>One h1, one main landmark, headings in order (never skipping a level on the way down).</summary>
    private static async Task<List<string>> StructureProblemsAsync(IPage page, bool expectH1)
    {
        var levels = await page.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => h.offsetParent !== null || h.getClientRects().length).map(h => +h.tagName[1])");
        var mains = await page.EvaluateAsync<int>("() => document.querySelectorAll('main, [role=main]').length");
        var problems = new List<string>();
        if (mains != 1) problems.Add($"{mains} main landmarks (want 1)");
        if (expectH1 && levels.Count(l => l == 1) != 1) problems.Add($"{levels.Count(l => l == 1)} h1 (want 1)");
        for (var i = 1; i < levels.Length; i++)
            if (levels[i] > levels[i - 1] + 1) problems.Add($"heading h{levels[i]} follows h{levels[i - 1]} (skips a level)");
        if (levels.Length > 0 && levels[0] != 1 && expectH1) problems.Add($"the first heading is h{levels[0]}, not h1");
        return problems;
    }

    private void Report(string name, string theme, string url, IReadOnlyList<AxeNode> nodes, List<string> structure)
    {
        var byImpact = nodes.GroupBy(n => n.Impact).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{url}: {string.Join(", ", byImpact.Select(kv => $"{kv.Value} {kv.Key}"))}");
        foreach (var n in nodes) output.WriteLine("  " + n);
        var dir = Path.Combine(TestPaths.RepoRoot(), "artifacts", "accessibility");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, FileName(name) + "-" + theme + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { url, byImpact, structure, nodes }, Indented));
    }

    /// <summary>"/resources/{*ResourceId}" → "resources-ResourceId", "/" → "dashboard".</summary>
    private static string FileName(string name)
    {
        var clean = new string(name.Trim('/').Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : c == '/' ? '-' : '_').ToArray()).Replace("_", "");
        return clean.Length == 0 ? "dashboard" : clean;
    }

    private static string? _resourceId;

    /// <summary>The first resource the inventory lists (looked up once per run).</summary>
    private async Task<string> FirstResourceIdAsync()
    {
        if (_resourceId is not null) return _resourceId;
        await using var s = await app.OpenAsync("/resources");
        var row = s.Page.GetByTestId("resource-row").First;
        await Expect(row).ToHaveCountAsync(1);
        return _resourceId = await row.GetAttributeAsync("data-resource-id") ?? throw new InvalidOperationException("resource-row without data-resource-id");
    }
}
