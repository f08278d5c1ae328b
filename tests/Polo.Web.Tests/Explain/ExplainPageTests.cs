using Bunit;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Explain;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Explain;

[Collection(RepricedDemoEstate.Collection)]
public sealed class ExplainPageTests(RepricedDemoEstate estate) : WebTestContext(estate.Ch)
{
    private string Url(string extra = "")
    {
        var c = estate.Cause("scale-up-acme-search");
        return "/explain?" + RepricedDemoEstate.RangeQuery(c.Period, c.Baseline) + extra;
    }

    [Fact]
    public async Task Causes_are_listed_unexplained_first_and_add_up_to_the_delta()
    {
        var c = estate.Cause("scale-up-acme-search");
        var d = await Get<IDeltaDecomposer>().DecomposeAsync(c.Baseline, c.Period, Grouping.Customer);

        var cut = RenderAt<ExplainPage>(Url());
        cut.WaitFor("cause-row");

        var kinds = cut.All("cause-row").Select(r => r.GetAttribute("data-cause")).ToList();
        Assert.Equal(d.Causes.Count, kinds.Count);
        Assert.Equal(CauseKind.Unexplained, kinds[0]); // the hand-written repricing (RepricedDemoEstate) is unexplained
        Assert.Contains(Money.Signed(84.00m), cut.All("cause-amount")[0].TextContent);
        Assert.Equal(kinds.Count(k => k == CauseKind.Unexplained), kinds.TakeWhile(k => k == CauseKind.Unexplained).Count());
        var amounts = cut.All("cause-amount").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(d.Causes.Select(x => Money.Signed(x.Amount)).Order(), amounts.Order());

        var sum = cut.Find("[data-testid='causes-sum']");
        Assert.Equal("true", sum.GetAttribute("data-exact"));
        Assert.Contains(Money.Signed(d.Delta), sum.TextContent);
        Assert.Contains(Money.Format(d.PeriodCost), sum.TextContent);
    }

    [Fact]
    public void Expanding_a_cause_shows_its_resources_and_evidence()
    {
        var c = estate.Cause("scale-up-acme-search");
        var cut = RenderAt<ExplainPage>(Url());
        cut.WaitFor("cause-row");
        Assert.Empty(cut.All("cause-resource"));

        var row = cut.FindAll("[data-testid='cause-row']")
            .Single(r => r.GetAttribute("data-cause") == CauseKind.Resized && r.TextContent.Contains("search"));
        row.QuerySelector("[data-testid='cause-toggle']")!.Click();

        cut.WaitForAssertion(() => Assert.Equal(c.ResourceIds.Order(), cut.All("cause-resource").Select(r => r.GetAttribute("data-resource")!).Order()),
            Timeout);
        Assert.All(cut.FindAll("[data-testid='cause-resource-link']"), a => Assert.StartsWith("/resources/", a.GetAttribute("href")));
        Assert.Contains(cut.All("cause-evidence"), e => e.TextContent.Contains("resized r5.xlarge → r5.4xlarge"));
    }

    [Fact]
    public void A_baseline_with_only_one_end_warns_and_compares_with_the_previous_period()
    {
        var cut = RenderAt<ExplainPage>($"/explain?from={RepricedDemoEstate.LastDay.AddDays(-6):yyyy-MM-dd}&to={RepricedDemoEstate.LastDay:yyyy-MM-dd}&bfrom=2026-10-01");
        cut.WaitFor("cause-row");
        Assert.Contains("needs both 'bfrom' and 'bto'", cut.Text("url-problem"));
        Assert.Contains($"{RepricedDemoEstate.LastDay.AddDays(-13):yyyy-MM-dd} – {RepricedDemoEstate.LastDay.AddDays(-7):yyyy-MM-dd}", cut.Text("delta-headline"));
    }

    [Fact]
    public void A_range_without_cost_shows_the_empty_state()
    {
        var cut = RenderAt<ExplainPage>("/explain?from=2020-01-01&to=2020-01-07");
        cut.WaitFor("empty");
        Assert.Empty(cut.All("cause-row"));
    }

    [Fact]
    public async Task Only_the_first_causes_show_with_a_link_for_more()
    {
        var c = estate.Cause("scale-up-acme-search");
        var d = await Get<IDeltaDecomposer>().DecomposeAsync(c.Baseline, c.Period, Grouping.Customer);
        Assert.True(d.Causes.Count > 1);

        var cut = RenderAt<ExplainPage>(Url("&rows=1"));
        cut.WaitFor("cause-row");
        Assert.Single(cut.All("cause-row"));
        Assert.Equal(CauseKind.Unexplained, cut.All("cause-row")[0].GetAttribute("data-cause"));
        Assert.Contains($"Showing the first 1 of {d.Causes.Count} causes", cut.Text("causes-more"));
        Assert.Contains("rows=51", cut.Find("[data-testid='causes-more-link']").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(Money.Signed(d.Delta), cut.Find("[data-testid='causes-sum']").TextContent); // the sum still covers every cause
    }
}
