using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Shell;

/// <summary>The navigation shell: every page is linked and the links carry the shared URL state.</summary>
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
}
