using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Errors;

/// <summary>Bad URL parameters get a clear message and a sensible page, never an error screen.</summary>
[Collection(PoloAppCollection.Name)]
public sealed class BadUrlTests(PoloAppFixture app)
{
    [Theory]
    [InlineData("/?from=banana", "banana")]
    [InlineData("/delta?by=nope", "nope")]
    public async Task A_bad_parameter_shows_a_warning_naming_the_value(string url, string badValue)
    {
        await using var s = await app.OpenAsync(url);
        var warning = s.Page.Locator(".mud-alert, [role=alert], [data-testid=url-problem]").Filter(new() { HasText = badValue });
        await Expect(warning.First).ToBeVisibleAsync();
        await s.WaitForLoadedAsync();
        await s.AssertNoErrorUiAsync();
    }

    [Fact]
    public async Task An_unknown_resource_shows_not_found()
    {
        await using var s = await app.OpenAsync("/resources/does-not-exist");
        await Expect(s.Page.GetByText(new Regex("not found", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync();
        // The resource page itself says so, not the router's generic fallback for unknown routes.
        await Expect(s.Page.GetByText(PageSession.RouterNotFoundText)).ToHaveCountAsync(0);
        await s.WaitForLoadedAsync();
        await s.AssertNoErrorUiAsync();
    }
}
