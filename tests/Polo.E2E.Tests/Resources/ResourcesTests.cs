using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Resources;

[Collection(PoloAppCollection.Name)]
public sealed class ResourcesTests(PoloAppFixture app)
{
    [Fact]
    public async Task Search_filters_the_rows_and_a_row_opens_the_detail_with_its_events()
    {
        await using var s = await app.OpenAsync("/resources");
        await s.WaitForLoadedAsync();
        var rows = s.Page.GetByTestId("resource-row");
        await Expect(rows.First).ToBeVisibleAsync();
        // Unfiltered, the list holds more than the pipeline's scratch volumes.
        await Expect(rows.Filter(new() { HasNotTextRegex = new Regex("scratch", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();

        // The demo's data pipeline leaves scratch volumes named scratch-yyyyMMdd.
        await s.GotoAsync("/resources?q=scratch");
        await s.WaitForLoadedAsync();
        await Expect(s.Page).ToHaveURLAsync(UrlPatterns.PathWithKeys("/resources", "q"));
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasNotTextRegex = new Regex("scratch", RegexOptions.IgnoreCase) })).ToHaveCountAsync(0);

        var link = PageSession.LinkIn(rows.First, "resources/");
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex(@"/resources/[^/?#]+"));
        Assert.Contains(href!.Split('?')[0].TrimStart('.'), s.Page.Url);
        await s.WaitForLoadedAsync();
        await Expect(s.Page.GetByTestId("resource-event").First).ToBeVisibleAsync();
        await s.AssertNoErrorUiAsync();
    }
}
