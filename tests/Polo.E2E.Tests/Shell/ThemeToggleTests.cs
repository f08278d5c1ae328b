using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Shell;

[Collection(PoloAppCollection.Name)]
public sealed class ThemeToggleTests(PoloAppFixture app)
{
    private static readonly Regex DarkUrl = new(@"[?&]theme=dark\b");
    private static readonly Regex LightUrl = new(@"^(?!.*[?&]theme=dark\b)");

    // Every wait is a function ("() => …"): Playwright evals an expression string inside the page on each poll, which
    // the app's CSP (script-src 'self', no 'unsafe-eval') refuses once the first check is false.

    /// <summary>Perceived lightness (0 black … 1 white) of the page background.</summary>
    private const string BackgroundLightness = """
        () => {
          const m = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g);
          if (!m || m.length < 3) return -1;
          const [r, g, b, a] = m.map(Number);
          if (a === 0) return -1;
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        }
        """;

    [Fact]
    public async Task The_toggle_switches_to_dark_with_theme_in_the_url_and_back()
    {
        await using var s = await app.OpenAsync("/");
        await s.Page.WaitForFunctionAsync($"() => ({BackgroundLightness})() > 0.7");

        await s.ClickUntilUrlAsync(s.Page.GetByTestId("theme-toggle"), DarkUrl);
        await s.Page.WaitForFunctionAsync($"() => ({BackgroundLightness})() >= 0 && ({BackgroundLightness})() < 0.3");

        await s.ClickUntilUrlAsync(s.Page.GetByTestId("theme-toggle"), LightUrl);
        await s.Page.WaitForFunctionAsync($"() => ({BackgroundLightness})() > 0.7");
        await s.AssertNoErrorUiAsync();
    }

    [Fact]
    public async Task Dark_theme_from_the_url_survives_navigation()
    {
        await using var s = await app.OpenAsync("/?theme=dark");
        await s.Page.WaitForFunctionAsync($"() => ({BackgroundLightness})() >= 0 && ({BackgroundLightness})() < 0.3");
        await s.Page.Locator("nav a[href*='costs'], .mud-navmenu a[href*='costs']").First.ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex(@"/costs\?(?:.*&)?theme=dark"));
        await s.Page.WaitForFunctionAsync($"() => ({BackgroundLightness})() >= 0 && ({BackgroundLightness})() < 0.3");
    }
}
