using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Explain;

[Collection(PoloAppCollection.Name)]
public sealed class ExplainTests(PoloAppFixture app)
{
    [Fact]
    public async Task Lists_the_causes_of_the_last_week_with_unexplained_first()
    {
        // Last 7 days vs the 7 before: the demo's load-test cluster ran all week instead of two days, the acme scale-up
        // and the NAT spike are inside it too.
        var last = app.LastDataDay;
        var url = $"/explain?from={UrlPatterns.Day(last.AddDays(-6))}&to={UrlPatterns.Day(last)}" +
                  $"&bfrom={UrlPatterns.Day(last.AddDays(-13))}&bto={UrlPatterns.Day(last.AddDays(-7))}";
        await using var s = await app.OpenAsync(url);
        await s.WaitForLoadedAsync();

        var causes = s.Page.GetByTestId("cause-row");
        await Expect(causes.First).ToBeVisibleAsync();
        Assert.True(await causes.CountAsync() >= 2, $"Expected the unexplained row and at least one attributed cause on {url}.");
        await Expect(causes.First).ToHaveTextAsync(new Regex("unexplained", RegexOptions.IgnoreCase));
        await Expect(causes.Filter(new() { HasTextRegex = new Regex("loadtest|load test", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await s.AssertNoErrorUiAsync();
    }
}
