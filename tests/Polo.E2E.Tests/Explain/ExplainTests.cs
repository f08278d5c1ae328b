using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Explain;

[Collection(PoloAppCollection.Name)]
public sealed class ExplainTests(PoloAppFixture app)
{
    [Fact]
    public async Task Lists_causes_with_unexplained_first()
    {
        // Default range: the whole 30-day demo against the empty month before it, which leaves cost no event explains. Its
        // unexplained rows (one per node) can fill the first 50 shown, so this asks for more rows.
        await using var s = await app.OpenAsync("/explain?rows=500");
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

    /// <summary>Each injected cause of the 30-day demo, as the decomposition describes it (CauseDescriber).</summary>
    private static readonly string[] InjectedCauses =
    [
        @"cluster loadtest ran longer",              // load-test cluster never stopped
        @"acme's index search \(prod-1\) scaled up",  // 4 data nodes r5.xlarge → r5.4xlarge
        @"used more \(1 NAT gateway",                // prod-shared NAT traffic ×5
        @"data-pipeline kept paying for \d+ volumes", // orphaned scratch volumes
    ];

    [Fact]
    public async Task Finds_every_injected_cause_in_the_last_week()
    {
        // Last 7 days vs the 7 before: all four causes the demo injects fall in this comparison with a 30-day demo.
        var last = app.LastDataDay;
        var url = $"/explain?from={UrlPatterns.Day(last.AddDays(-6))}&to={UrlPatterns.Day(last)}" +
                  $"&bfrom={UrlPatterns.Day(last.AddDays(-13))}&bto={UrlPatterns.Day(last.AddDays(-7))}";
        await using var s = await app.OpenAsync(url);
        await s.WaitForLoadedAsync();

        var causes = s.Page.GetByTestId("cause-row");
        await Expect(causes.First).ToBeVisibleAsync();
        foreach (var cause in InjectedCauses)
            await Expect(causes.Filter(new() { HasTextRegex = new Regex(cause, RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await s.AssertNoErrorUiAsync();
    }
}
