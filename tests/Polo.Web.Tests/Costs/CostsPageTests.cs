using Bunit;
using Polo.Data.Vocabulary;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;
using CostsPage = Polo.Web.Components.Pages.Costs.Costs;

namespace Polo.Web.Tests.Costs;

[Collection(ArnDemoEstate.Collection)]
public sealed class CostsPageTests(ArnDemoEstate estate) : WebTestContext(estate.Ch)
{

    [Fact]
    public async Task Breakdown_rows_and_total_are_the_queries_figures()
    {
        var cut = RenderAt<CostsPage>($"/costs?{ArnDemoEstate.LastTwoWeeks}&by=service");

        var expected = await CostQueries.BreakdownAsync(ArnDemoEstate.Oct18To31, Grouping.Service);
        var rows = cut.FindAll("[data-testid=cost-row]");
        Assert.Equal(expected.Select(g => g.Key), rows.Select(r => r.GetAttribute("data-key")));
        Assert.Equal(expected.Select(g => Money.Format(g.Cost)), cut.FindAll("[data-testid=cost-row-cost]").Select(Text));
        Assert.Equal(expected.Select(g => Money.Signed(g.Delta)), cut.FindAll("[data-testid=cost-row-delta]").Select(Text));
        var total = await CostQueries.TotalAsync(ArnDemoEstate.Oct18To31);
        Assert.True(total > 0);
        Assert.Equal(Money.Format(total), Text(cut.Find("[data-testid=costs-total-cost]")));
        Assert.Empty(cut.FindAll("[data-testid=url-problem]"));
        Assert.Single(cut.FindAll("[data-testid=costs-chart]"));
        Assert.Equal("Costs", Text(cut.Find("h1")));
    }

    [Fact]
    public void Customers_link_to_the_hierarchy_and_other_groups_to_the_filtered_delta()
    {
        var cut = RenderAt<CostsPage>($"/costs?{ArnDemoEstate.LastTwoWeeks}");
        var acme = cut.Find("[data-testid=cost-row][data-key='customer:acme'] a");
        Assert.Equal("/hierarchy?from=2026-10-18&to=2026-10-31&node=customer%3Aacme", acme.GetAttribute("href"));

        NavigateAndWait(cut, $"/costs?{ArnDemoEstate.LastTwoWeeks}&by=account_role");
        var keys = cut.FindAll("[data-testid=cost-row]").Select(r => r.GetAttribute("data-key")!).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith("role:", k));
        var first = cut.Find("[data-testid=cost-row] a").GetAttribute("href")!;
        Assert.StartsWith("/delta?from=2026-10-18&to=2026-10-31&by=account_role&node=role%3A", first);
    }

    [Fact]
    public void Bad_grouping_and_chart_values_warn_and_fall_back()
    {
        var cut = RenderAt<CostsPage>($"/costs?{ArnDemoEstate.LastTwoWeeks}&by=planet&chart=pie");
        var problems = cut.FindAll("[data-testid=url-problem]").Select(Text).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'by'") && p.Contains("planet"));
        Assert.Contains(problems, p => p.Contains("'chart'") && p.Contains("pie"));
        Assert.All(cut.FindAll("[data-testid=cost-row]"), r => Assert.Matches("^(customer:|unassigned$)", r.GetAttribute("data-key")));
        Assert.Single(cut.FindAll("[data-testid=costs-chart]"));
    }

    [Fact]
    public void Chart_type_lives_in_the_url()
    {
        var cut = RenderAt<CostsPage>($"/costs?{ArnDemoEstate.LastTwoWeeks}&chart=table");
        Assert.Empty(cut.FindAll("[data-testid=costs-chart]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=cost-row]"));
        Assert.Contains("chart=bar", cut.Find("[data-testid=costs-chart-bar]").GetAttribute("href"));

        NavigateAndWait(cut, $"/costs?{ArnDemoEstate.LastTwoWeeks}&chart=bar");
        Assert.Single(cut.FindAll("[data-testid=costs-chart]"));
    }

    [Fact]
    public void A_range_without_cost_shows_the_empty_state()
    {
        var cut = RenderAt<CostsPage>("/costs?from=2020-01-01&to=2020-01-07");
        Assert.Single(cut.FindAll("[data-testid=empty]"));
        Assert.Empty(cut.FindAll("[data-testid=cost-row]"));
    }
}
