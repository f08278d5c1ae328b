using Bunit;
using Polo.Data.Analysis;
using Polo.Data.Changes;
using Polo.Data.Demo;
using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Dashboard;
using Polo.Web.Services;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Dashboard;

[Collection(RepricedDemoEstate.Collection)]
public sealed class DashboardPageTests(RepricedDemoEstate estate) : WebTestContext(estate.Ch)
{
    private static readonly DateOnly From = RepricedDemoEstate.LastDay.AddDays(-6);
    private static readonly TimeRange Week = RangeSelection.ToRange(From, RepricedDemoEstate.LastDay);
    private static readonly string WeekQuery = RepricedDemoEstate.RangeQuery(Week);

    [Fact]
    public async Task Kpis_show_the_figures_the_queries_compute()
    {
        var costs = Get<ICostQueries>();
        var cost = await costs.TotalAsync(Week);
        var previous = await costs.TotalAsync(Week.Previous());
        var unexplained = (await Get<IDeltaDecomposer>().DecomposeAsync(Week.Previous(), Week)).Unexplained;

        var cut = RenderAt<DashboardPage>("/?" + WeekQuery);
        cut.WaitFor("kpi-cost");

        Assert.True(cost > 0);
        Assert.Equal(Money.Format(cost), cut.Text("kpi-cost-value"));
        Assert.Equal(Money.Signed(cost - previous), cut.Text("kpi-delta-value"));
        Assert.Equal(Money.Percent((cost - previous) / previous * 100m), cut.Text("kpi-delta-percent"));
        Assert.Equal(Money.Signed(unexplained), cut.Text("kpi-unexplained-value"));
        Assert.Contains("/explain?", cut.Find("[data-testid='kpi-explain-link']").GetAttribute("href"));
    }

    [Fact]
    public async Task Top_movers_link_into_the_delta_for_their_node()
    {
        var movers = (await Get<ICostQueries>().KpisAsync(Week)).TopMovers;

        var cut = RenderAt<DashboardPage>("/?" + WeekQuery);
        cut.WaitFor("kpi-movers");

        var links = cut.All("mover-link");
        Assert.Equal(movers.Count, links.Count);
        Assert.NotEmpty(links);
        for (var i = 0; i < movers.Count; i++)
        {
            var href = links[i].GetAttribute("href")!;
            Assert.StartsWith("/delta?", href);
            Assert.Contains("node=" + Uri.EscapeDataString(movers[i].Key), href);
            Assert.Contains($"from={From:yyyy-MM-dd}", href);
        }
    }

    [Fact]
    public async Task Spike_links_open_the_delta_for_the_biggest_day_over_day_jump_up_or_down()
    {
        var daily = await Get<ICostQueries>().DailyAsync(new TimeRange(Week.Start.AddDays(-1), Week.End));
        var changes = daily.Zip(daily.Skip(1)).Select(p => (Day: DateOnly.FromDateTime(p.Second.Bucket), Rise: p.Second.Cost - p.First.Cost)).ToList();
        var biggest = changes.Where(p => p.Rise != 0).MaxBy(p => Math.Abs(p.Rise));

        var cut = RenderAt<DashboardPage>("/?" + WeekQuery);
        cut.WaitFor("spike-link");

        var first = cut.All("spike-link")[0];
        var d = biggest.Day;
        Assert.Equal($"/delta?from={d:yyyy-MM-dd}&to={d:yyyy-MM-dd}&bfrom={d.AddDays(-7):yyyy-MM-dd}&bto={d.AddDays(-1):yyyy-MM-dd}",
            first.GetAttribute("href"));
        Assert.Contains(Money.Signed(biggest.Rise), first.TextContent);
        // Drops are listed too, as drops.
        var shown = cut.All("spike-link").Select(a => (a.GetAttribute("data-day"), a.GetAttribute("data-direction"))).ToList();
        var expected = changes.Where(p => p.Rise != 0).OrderByDescending(p => Math.Abs(p.Rise)).ThenBy(p => p.Day).Take(5)
            .Select(p => ((string?)RangeSelection.Day(p.Day), (string?)(p.Rise < 0 ? "drop" : "rise"))).ToList();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void Bad_range_in_the_url_warns_and_falls_back_to_the_last_30_days()
    {
        var cut = RenderAt<DashboardPage>("/?from=yesterday");
        cut.WaitFor("kpi-cost");

        Assert.Contains("'from' must be a day", cut.Text("url-problem"));
        Assert.Equal(RangeSelection.Day(RepricedDemoEstate.LastDay), RenderedExtensions.InputValue(cut.Find("[data-testid='range-to']")));
    }

    [Fact]
    public void A_range_without_cost_shows_the_empty_state()
    {
        var cut = RenderAt<DashboardPage>("/?from=2020-01-01&to=2020-01-07");
        cut.WaitFor("empty");
        Assert.Empty(cut.All("kpi-cost"));
    }

    [Fact]
    public void While_the_demo_is_seeding_the_dashboard_shows_its_progress_then_loads()
    {
        var seed = Get<DemoSeedStatus>();
        seed.Report(new DemoProgress("cost ledger", 0.4));

        var cut = RenderAt<DashboardPage>("/?" + WeekQuery);
        Assert.Contains("cost ledger", cut.Text("demo-seeding-stage"));
        Assert.Contains("40%", cut.Text("demo-seeding-stage"));
        Assert.Empty(cut.All("kpi-cost"));

        seed.Report(new DemoProgress("done", 1));
        cut.WaitFor("kpi-cost");
        Assert.Empty(cut.All("demo-seeding"));
    }

    [Fact]
    public void Changing_the_url_reloads_without_a_new_render()
    {
        var cut = RenderAt<DashboardPage>("/?" + WeekQuery);
        cut.WaitFor("kpi-cost");
        var weekCost = cut.Text("kpi-cost-value");

        Nav.NavigateTo("/?from=2020-01-01&to=2020-01-07");
        cut.WaitFor("empty");
        Assert.NotEqual("", weekCost);
    }

    [Fact]
    public async Task Dashboard_updates_live_when_collectors_land_data()
    {
        // The first week of the estate: no other test reads it, so the extra cost cannot disturb their figures.
        var firstDay = DateOnly.FromDateTime(RepricedDemoEstate.End.AddDays(-RepricedDemoEstate.Days));
        var range = RangeSelection.ToRange(firstDay, firstDay.AddDays(6));
        var cut = RenderAt<DashboardPage>("/?" + RepricedDemoEstate.RangeQuery(range));
        cut.WaitFor("kpi-cost");
        var before = cut.Text("kpi-cost-value");

        var at = range.Start.AddDays(3).AddHours(12);
        await new FixtureWriter()
            .Cost("i-0livecollector0001", ResourceTypes.Instance, new Place("100000000001", "acme", "prod-1"), "AmazonEC2", "BoxUsage:m5.large",
                at, at.AddHours(1), 1000m)
            .WriteAsync(estate.Ch);
        var expected = Money.Format(await Get<ICostQueries>().TotalAsync(range));
        Get<DataChangeNotifier>().Publish(DataKinds.Cost, 1);

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Text("kpi-cost-value")), Timeout);
        Assert.NotEqual(before, expected);
    }
}
