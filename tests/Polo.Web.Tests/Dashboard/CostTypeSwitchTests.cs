using Bunit;
using Polo.Data.Analysis;
using Polo.Web.Components.Pages.Dashboard;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Dashboard;

/// <summary>The cost type lives in the URL (cost=…, default amortized), is switchable on the range bar of every page and
/// travels with links.</summary>
[Collection(RepricedDemoEstate.Collection)]
public sealed class CostTypeSwitchTests(RepricedDemoEstate estate) : WebTestContext(estate.Ch)
{
    [Fact]
    public void The_switch_shows_amortized_by_default_and_puts_the_choice_in_the_url()
    {
        var cut = RenderAt<DashboardPage>("/");
        cut.WaitFor("kpi-cost");
        cut.WaitFor("forecast-month"); // the dashboard's own panels have loaded: nothing re-renders under the click
        cut.WaitFor("dashboard-anomalies-loaded");
        Assert.Equal("true", cut.Find("[data-testid='cost-amortized']").GetAttribute("aria-pressed"));

        // The dashboard's panels load on their own and may re-render the page under the click: click until it lands.
        cut.WaitForAssertion(() =>
        {
            if (Query("cost") is null) cut.Find("[data-testid='cost-unblended']").Click();
            Assert.Equal("unblended", Query("cost"));
        }, Timeout);
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid='cost-unblended']").GetAttribute("aria-pressed")), Timeout);
        Assert.Contains("cost=unblended", cut.Find("[data-testid='kpi-explain-link']").GetAttribute("href"));

        cut.Find("[data-testid='cost-amortized']").Click();
        cut.WaitForAssertion(() => Assert.Null(Query("cost")), Timeout); // the default needs no key
    }

    [Fact]
    public void An_unknown_cost_type_warns_and_shows_amortized()
    {
        var cut = RenderAt<DashboardPage>("/?cost=blended");
        cut.WaitFor("kpi-cost");

        Assert.Contains("'cost' must be one of unblended, amortized, net-amortized", cut.Text("url-problem"));
        Assert.Equal("true", cut.Find("[data-testid='cost-amortized']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Each_cost_type_reads_its_own_column()
    {
        var week = RangeSelection.ToRange(RepricedDemoEstate.LastDay.AddDays(-6), RepricedDemoEstate.LastDay);
        var unblended = await CostQueries.TotalAsync(week, costType: CostType.Unblended);

        var cut = RenderAt<DashboardPage>("/?" + RepricedDemoEstate.RangeQuery(week) + "&cost=unblended");
        cut.WaitFor("kpi-cost");

        Assert.Equal(Money.Format(unblended), cut.Text("kpi-cost-value"));
    }
}
