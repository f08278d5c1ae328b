using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Shell;

/// <summary>The navigation shell: every page is linked, links carry the shared URL state, and every page loads its assets.</summary>
[Collection(PoloAppCollection.Name)]
public sealed class NavigationTests(PoloAppFixture app)
{
    public static readonly string[] Pages = ["", "delta", "explain", "costs", "hierarchy", "resources", "collectors"];

    [Fact]
    public async Task The_menu_links_every_page_carrying_the_range_and_theme()
    {
        var from = UrlPatterns.Day(app.LastDataDay.AddDays(-6));
        var to = UrlPatterns.Day(app.LastDataDay);
        await using var s = await app.OpenAsync($"/?from={from}&to={to}&theme=dark");
        var menu = s.Page.Locator(".mud-navmenu");
        await Expect(menu).ToBeVisibleAsync();
        foreach (var page in Pages)
        {
            var link = menu.Locator($"a[href^='/{page}?'], a[href^='{page}?']").First;
            await Expect(link).ToHaveAttributeAsync("href", new Regex($@"from={from}.*to={to}.*theme=dark|theme=dark.*from={from}"));
        }
        await menu.Locator("a[href^='/resources?']").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex($@"/resources\?(?=.*from={from})(?=.*to={to})(?=.*theme=dark)"));
        await s.AssertNoErrorUiAsync();
    }

    [Fact]
    public async Task Every_page_loads_its_scripts_and_styles()
    {
        foreach (var page in Pages)
        {
            await using var s = await app.OpenAsync("/" + page);
            await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await s.WaitForLoadedAsync();
            Assert.True(s.FailedRequests.Count == 0,
                $"/{page} requested missing or failing URLs: {string.Join(", ", s.FailedRequests)}");
            await Expect(s.Page.GetByText(PageSession.RouterNotFoundText)).ToHaveCountAsync(0);
        }
    }
}
