using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Explain;

[Collection(PoloAppCollection.Name)]
public sealed class ExplainTests(PoloAppFixture app)
{
    [Fact]
    public async Task Lists_causes_with_unexplained_first()
    {
        // Default range: the whole 30-day demo against the empty month before it, which leaves cost no event explains.
        await using var s = await app.OpenAsync("/explain");
        await s.WaitForLoadedAsync();

        var causes = s.Page.GetByTestId("cause-row");
        await Expect(causes.First).ToBeVisibleAsync();
        Assert.True(await causes.CountAsync() >= 2, "Expected the unexplained row and at least one attributed cause on /explain.");
        await Expect(causes.First).ToHaveTextAsync(new Regex("unexplained", RegexOptions.IgnoreCase));
        var unexplained = (await causes.AllInnerTextsAsync())
            .Select(t => Regex.IsMatch(t, "unexplained", RegexOptions.IgnoreCase)).ToList();
        var firstAttributed = unexplained.IndexOf(false);
        Assert.True(firstAttributed > 0, "Expected unexplained rows first, then attributed causes.");
        Assert.DoesNotContain(true, unexplained.Skip(firstAttributed));
        await s.AssertNoErrorUiAsync();
    }

    [Fact]
    public async Task Finds_the_load_test_cluster_that_ran_all_week()
    {
        // Last 7 days vs the 7 before: the demo's load-test cluster ran all week instead of its usual two days.
        var last = app.LastDataDay;
        var url = $"/explain?from={UrlPatterns.Day(last.AddDays(-6))}&to={UrlPatterns.Day(last)}" +
                  $"&bfrom={UrlPatterns.Day(last.AddDays(-13))}&bto={UrlPatterns.Day(last.AddDays(-7))}";
        await using var s = await app.OpenAsync(url);
        await s.WaitForLoadedAsync();

        var causes = s.Page.GetByTestId("cause-row");
        await Expect(causes.Filter(new() { HasTextRegex = new Regex("loadtest|load test", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await s.AssertNoErrorUiAsync();
    }
}
