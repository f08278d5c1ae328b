using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Web.Components.Pages.Resources;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;
using ResourcesPage = Polo.Web.Components.Pages.Resources.Resources;

namespace Polo.Web.Tests.Resources;

[Collection(ArnDemoEstate.Collection)]
public sealed class ResourcesPageTests(ArnDemoEstate estate) : WebTestContext(estate.Ch)
{
    private IResourceQueries ResourceQueries => Services.GetRequiredService<IResourceQueries>();

    private static string[] Ids(IRenderedComponent<ResourcesPage> cut) =>
        cut.FindAll("[data-testid=resource-row]").Select(r => r.GetAttribute("data-resource-id")!).ToArray();

    [Fact]
    public async Task Default_view_is_the_first_page_by_cost_with_the_total()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}");
        var expected = await ResourceQueries.SearchAsync(new ResourceQuery(CostRange: ArnDemoEstate.Oct18To31));
        Assert.True(expected.Total > ResourcesView.DefaultSize);
        Assert.Equal(expected.Rows.Select(r => r.ResourceId), Ids(cut));
        Assert.Equal(expected.Rows.Select(r => Money.Format(r.Cost)), cut.FindAll("[data-testid=resource-cost]").Select(Text));
        Assert.StartsWith($"{expected.Total:N0} resources", Text(cut.Find("[data-testid=resource-total]")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sort_and_paging_come_from_the_url()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&sort=name&desc=false&size=10&page=3");
        var expected = await ResourceQueries.SearchAsync(new ResourceQuery(SortBy: "name", Direction: SortDirection.Ascending,
            Page: 2, PageSize: 10, CostRange: ArnDemoEstate.Oct18To31));
        Assert.Equal(expected.Rows.Select(r => r.ResourceId), Ids(cut));
        Assert.Equal("ascending", cut.Find("th[aria-sort=ascending] [data-testid=sort-name]").ParentElement!.GetAttribute("aria-sort"));

        // Header links: the same column flips the direction, another column starts ascending; both go back to page 1.
        var sameColumn = cut.Find("[data-testid=sort-name]").GetAttribute("href")!;
        Assert.Contains("sort=name", sameColumn);
        Assert.Contains("desc=true", sameColumn);
        Assert.DoesNotContain("page=", sameColumn);
        var type = cut.Find("[data-testid=sort-resource_type]").GetAttribute("href")!;
        Assert.Contains("sort=resource_type", type);
        Assert.Contains("desc=false", type);

        NavigateAndWait(cut, sameColumn);
        var descending = await ResourceQueries.SearchAsync(new ResourceQuery(SortBy: "name", Direction: SortDirection.Descending,
            PageSize: 10, CostRange: ArnDemoEstate.Oct18To31));
        Assert.Equal(descending.Rows.Select(r => r.ResourceId), Ids(cut));
    }

    [Fact]
    public void Bad_sort_page_and_size_warn_and_fall_back()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&sort=tags;drop&page=abc&size=7&desc=maybe");
        var problems = cut.FindAll("[data-testid=url-problem]").Select(Text).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("'sort'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'page'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'size'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'desc'", StringComparison.Ordinal));
        Assert.Equal(ResourcesView.DefaultSize, Ids(cut).Length);
    }

    [Fact]
    public async Task A_page_past_the_end_warns_and_shows_the_last_page()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&size=200&page=99");
        var total = (await ResourceQueries.SearchAsync(new ResourceQuery(CostRange: ArnDemoEstate.Oct18To31, PageSize: 1))).Total;
        var pages = (int)((total + 199) / 200);
        Assert.Contains($"There is no page 99", Text(cut.Find("[data-testid=url-problem]")));
        var last = await ResourceQueries.SearchAsync(new ResourceQuery(CostRange: ArnDemoEstate.Oct18To31, Page: pages - 1, PageSize: 200));
        Assert.Equal(last.Rows.Select(r => r.ResourceId), Ids(cut));
    }

    [Fact]
    public void Search_in_the_url_filters_and_rows_link_to_escaped_detail_urls()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&q=web-lb");
        Assert.Equal([ArnDemoEstate.ArnId], Ids(cut));
        Assert.Equal($"/resources/{Uri.EscapeDataString(ArnDemoEstate.ArnId)}?from=2026-10-18&to=2026-10-31",
            cut.Find("[data-testid=resource-link]").GetAttribute("href"));
        Assert.Equal(Money.Format(84.00m), Text(cut.Find("[data-testid=resource-cost]")));
    }

    [Fact]
    public void Typing_in_the_search_box_lands_in_the_url_after_a_pause()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&page=2");
        cut.Find("input[data-testid=resource-search], [data-testid=resource-search] input").Input("web-lb");
        cut.WaitForAssertion(() => Assert.Equal("web-lb", Query("q")), Timeout);
        Assert.Null(Query("page"));
        cut.WaitForAssertion(() => Assert.Equal([ArnDemoEstate.ArnId], Ids(cut)), Timeout);
    }

    [Fact]
    public async Task Filters_by_type_account_and_customer_node()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&type=load_balancer&account={ArnDemoEstate.ArnAccount}");
        Assert.Equal([ArnDemoEstate.ArnId], Ids(cut));

        NavigateAndWait(cut, $"/resources?{ArnDemoEstate.LastTwoWeeks}&customer=acme&node=index%3Aacme%2Fprod-1%2Fsearch&size=200");
        var expected = await ResourceQueries.SearchAsync(new ResourceQuery(NodeId: "index:acme/prod-1/search", PageSize: 200, CostRange: ArnDemoEstate.Oct18To31));
        Assert.Equal(expected.Rows.Select(r => r.ResourceId), Ids(cut));
        Assert.Contains(ArnDemoEstate.ArnId, Ids(cut));

        NavigateAndWait(cut, $"/resources?{ArnDemoEstate.LastTwoWeeks}&customer=acme&node=index%3Aglobex%2Fx%2Fy");
        Assert.Contains("'node'", Text(cut.Find("[data-testid=url-problem]")));
    }

    [Fact]
    public void No_match_shows_the_empty_state()
    {
        var cut = RenderAt<ResourcesPage>($"/resources?{ArnDemoEstate.LastTwoWeeks}&q=no-such-thing-anywhere");
        Assert.Single(cut.FindAll("[data-testid=empty]"));
        Assert.Empty(Ids(cut));
    }
}
