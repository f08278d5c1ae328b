using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Operations;

/// <summary>Each table's CSV link on its page downloads the table through the API, signed in as the page's user.</summary>
[Collection(PoloAppCollection.Name)]
public sealed class CsvExportTests(PoloAppFixture app)
{
    [Theory]
    [InlineData("/costs?by=service", "key,name,cost,previous_cost,delta")]
    [InlineData("/explain", "cause,node,description,amount,resources")]
    [InlineData("/resources?type=ebs_volume", "resource,name,type,account,region,state")]
    [InlineData("/delta?by=customer", "node,type,name,baseline_cost,period_cost")]
    [InlineData("/collectors?collector=cur", "collector,account,region,started_at")]
    public async Task The_pages_csv_link_downloads_its_table(string page, string header)
    {
        await using var s = await app.OpenAsync(page);
        await s.WaitForLoadedAsync();
        var link = s.Page.Locator("[data-testid=export-csv]").First;
        await Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href");
        Assert.Contains("format=csv", href, StringComparison.Ordinal);
        var response = await s.Page.APIRequest.GetAsync(app.Url(href!));
        var body = await response.TextAsync();
        Assert.True(response.Status == 200, $"{href}: {response.Status} {body[..Math.Min(300, body.Length)]}");
        Assert.StartsWith(header, body, StringComparison.Ordinal);
    }
}
