using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;
using HierarchyPage = Polo.Web.Components.Pages.Hierarchy.Hierarchy;

namespace Polo.Web.Tests.Hierarchy;

[Collection(ArnDemoEstate.Collection)]
public sealed class HierarchyPageTests(ArnDemoEstate estate) : WebTestContext(estate.Ch)
{
    private IHierarchyQueries Hierarchy => Services.GetRequiredService<IHierarchyQueries>();

    private static string? Expanded(IRenderedComponent<HierarchyPage> cut, string nodeId) =>
        cut.Find($"[data-testid=hierarchy-node][data-node-id='{nodeId}']").GetAttribute("data-expanded");

    [Fact]
    public async Task Roots_show_cost_delta_and_a_trend()
    {
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}");
        var roots = await Hierarchy.ChildrenAsync("", ArnDemoEstate.Oct18To31);
        var rows = cut.FindAll("[data-testid=hierarchy-node]");
        Assert.Equal(roots.Select(r => r.NodeId), rows.Select(r => r.GetAttribute("data-node-id")));
        Assert.Equal(roots.Select(r => Money.Format(r.Cost)), cut.FindAll("[data-testid=node-cost]").Select(Text));
        Assert.Equal(roots.Select(r => Money.Signed(r.Delta)), cut.FindAll("[data-testid=node-delta]").Select(Text));
        Assert.Equal(roots.Count, cut.FindAll("[data-testid=sparkline] polyline").Count);
        Assert.Empty(cut.FindAll("[data-testid=hierarchy-details]"));
        Assert.Equal("Hierarchy", Text(cut.Find("h1")));

        var unassigned = (await CostQueries.BreakdownAsync(ArnDemoEstate.Oct18To31, Grouping.Customer)).Single(g => g.Key == "unassigned");
        Assert.Equal(Money.Format(unassigned.Cost), Text(cut.Find("[data-testid=unassigned-cost]")));
    }

    [Fact]
    public async Task Node_in_the_url_restores_the_expanded_path_and_selects_it()
    {
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}&node=index%3Aacme%2Fprod-1%2Fsearch");

        Assert.Equal("true", Expanded(cut, "customer:acme"));
        Assert.Equal("true", Expanded(cut, "cluster:acme/prod-1"));
        Assert.Equal("true", Expanded(cut, "index:acme/prod-1/search"));
        var node = await Hierarchy.NodeAsync("index:acme/prod-1/search", ArnDemoEstate.Oct18To31);
        Assert.Equal(Money.Format(node!.Cost), Text(cut.Find("[data-testid=details-cost]")));
        Assert.StartsWith("search", Text(cut.Find("[data-testid=details-name]")), StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid=hierarchy-resource] a"),
            a => a.GetAttribute("href")!.StartsWith("/resources/" + Uri.EscapeDataString(ArnDemoEstate.ArnId), StringComparison.Ordinal));
        Assert.Equal("/delta?from=2026-10-18&to=2026-10-31&by=customer&node=index%3Aacme%2Fprod-1%2Fsearch",
            cut.Find("[data-testid=details-delta-link]").GetAttribute("href"));
        Assert.Equal("/resources?from=2026-10-18&to=2026-10-31&customer=acme&node=index%3Aacme%2Fprod-1%2Fsearch",
            cut.Find("[data-testid=details-resources-link]").GetAttribute("href"));
    }

    [Fact]
    public void Unknown_node_says_not_found_and_still_shows_the_customers()
    {
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}&node=cluster%3Anobody%2Fnowhere");
        Assert.Contains("cluster:nobody/nowhere", Text(cut.Find("[data-testid=not-found]")));
        Assert.NotEmpty(cut.FindAll("[data-testid=hierarchy-node]"));
        Assert.Empty(cut.FindAll("[data-testid=hierarchy-details]"));
    }

    [Fact]
    public async Task Expanding_a_node_loads_its_children_lazily_without_changing_the_url()
    {
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}");
        var url = Nav.Uri;
        Assert.Empty(cut.FindAll("[data-testid=hierarchy-node][data-node-id^='cluster:acme/']"));

        cut.Find("[data-testid=hierarchy-node][data-node-id='customer:acme'] button[data-testid=hierarchy-toggle]").Click();

        var clusters = await Hierarchy.ChildrenAsync("customer:acme", ArnDemoEstate.Oct18To31);
        cut.WaitForAssertion(() => Assert.Equal(clusters.Select(c => c.NodeId),
            cut.FindAll("[data-testid=hierarchy-node][data-node-id^='cluster:acme/']").Select(r => r.GetAttribute("data-node-id"))), Timeout);
        Assert.Equal(url, Nav.Uri);
    }

    [Fact]
    public void Selecting_another_node_via_the_url_updates_without_a_reload()
    {
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}&node=customer%3Aacme");
        Assert.StartsWith("acme", Text(cut.Find("[data-testid=details-name]")), StringComparison.Ordinal);
        var link = cut.Find("[data-testid=hierarchy-node][data-node-id='cluster:acme/prod-1'] a[data-testid=hierarchy-node-link]").GetAttribute("href")!;

        NavigateAndWait(cut, link);
        Assert.StartsWith("prod-1", Text(cut.Find("[data-testid=details-name]")), StringComparison.Ordinal);
        Assert.Equal("true", Expanded(cut, "cluster:acme/prod-1"));
    }

    [Fact]
    public async Task Only_the_first_customers_by_cost_show_with_a_link_for_more_and_the_selected_one_stays()
    {
        var roots = await Hierarchy.ChildrenAsync("", ArnDemoEstate.Oct18To31);
        Assert.True(roots.Count > 2);
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}&rows=2");
        Assert.Equal(roots.Take(2).Select(r => r.NodeId), cut.FindAll("[data-testid=hierarchy-node]").Select(r => r.GetAttribute("data-node-id")));
        Assert.Equal(2, cut.FindAll("[data-testid=sparkline] polyline").Count);
        Assert.Contains($"of {roots.Count}", Text(cut.Find("[data-testid=hierarchy-more]")), StringComparison.Ordinal);
        Assert.Equal($"/hierarchy?from=2026-10-18&to=2026-10-31&rows=52", cut.Find("[data-testid=hierarchy-more-link]").GetAttribute("href"));

        var last = roots[^1];
        cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}&rows=1&node={Uri.EscapeDataString(last.NodeId)}");
        Assert.Equal([roots[0].NodeId, last.NodeId], cut.FindAll("[data-testid=hierarchy-node]").Where(r => r.GetAttribute("data-node-id")!.StartsWith("customer:", StringComparison.Ordinal))
            .Select(r => r.GetAttribute("data-node-id")));
        Assert.Equal("true", Expanded(cut, last.NodeId));
    }

    [Fact]
    public async Task A_bad_row_count_says_so_and_shows_the_default()
    {
        var roots = await Hierarchy.ChildrenAsync("", ArnDemoEstate.Oct18To31);
        var cut = RenderAt<HierarchyPage>($"/hierarchy?{ArnDemoEstate.LastTwoWeeks}&rows=lots");
        Assert.Contains("'rows' must be a whole number", Text(cut.Find("[data-testid=url-problem]")), StringComparison.Ordinal);
        Assert.Equal(Math.Min(roots.Count, 50), cut.FindAll("[data-testid=hierarchy-node]").Count);
        Assert.Empty(cut.FindAll("[data-testid=hierarchy-more]"));
    }
}
