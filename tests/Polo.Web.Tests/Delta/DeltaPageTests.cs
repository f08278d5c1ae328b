using Bunit;
using Polo.Data.Analysis;
using Polo.Data.Demo;
using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Delta;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Delta;

[Collection(RepricedDemoEstate.Collection)]
public sealed class DeltaPageTests(RepricedDemoEstate estate) : WebTestContext(estate.Ch)
{
    private const string SearchIndex = "index:acme/prod-1/search";
    /// <summary>The demo's injected scale-up of acme's search index: the period after it against the one before.</summary>
    private InjectedCause Resize => estate.Cause("scale-up-acme-search");

    private string ResizeUrl(string extra = "") => "/delta?" + RepricedDemoEstate.RangeQuery(Resize.Period, Resize.Baseline) + extra;

    [Fact]
    public async Task Headline_and_node_rows_are_the_decomposition_unexplained_first()
    {
        var d = await Get<IDeltaDecomposer>().DecomposeAsync(Resize.Baseline, Resize.Period, Grouping.Customer);

        var cut = RenderAt<DeltaPage>(ResizeUrl());
        cut.WaitFor("delta-node");

        Assert.Contains($"Costs moved {Money.Signed(d.Delta)} ({Money.Percent(d.Delta / d.BaselineCost * 100m)})", cut.Text("delta-headline"));
        Assert.Contains(Money.Signed(d.Unexplained), cut.Text("delta-unexplained"));
        var rows = cut.All("delta-node");
        Assert.Equal(d.Nodes.Select(n => n.NodeId), rows.Select(r => r.GetAttribute("data-node")));
        var unexplained = d.Nodes.Select(n => Math.Abs(Math.Round(n.Unexplained, 2))).ToList();
        Assert.Equal(unexplained.OrderByDescending(u => u), unexplained);
        Assert.Equal(Money.Signed(d.Nodes[0].Delta), rows[0].QuerySelector("[data-testid='delta-node-delta']")!.TextContent.Trim());
    }

    [Fact]
    public void A_large_estate_shows_the_first_nodes_and_says_how_many_moved()
    {
        var nodes = Enumerable.Range(0, DeltaNodeTable.Limit + 10)
            .Select(i => new DeltaNode($"customer:c{i}", "customer", $"c{i}", 0, 100 - i, 0, [], [])).ToList();
        var cut = Render<DeltaNodeTable>(p => p.Add(t => t.Nodes, nodes).Add(t => t.NodeHref, id => "/delta?node=" + id));

        Assert.Equal(nodes.Take(DeltaNodeTable.Limit).Select(n => n.NodeId), cut.All("delta-node").Select(r => r.GetAttribute("data-node")));
        Assert.Contains($"Showing the {DeltaNodeTable.Limit} nodes that moved most of {nodes.Count}", cut.Text("delta-nodes-more"));
    }

    [Fact]
    public void The_resource_table_shows_one_page_with_links_to_the_pages_around_it()
    {
        var resources = Enumerable.Range(0, 2 * DeltaResourceTable.Limit + 7)
            .Select(i => new ResourceDelta($"i-{i:000}", "instance", "111111111111", "AmazonEC2", 0, 500 - i, "launched", 500 - i, [])).ToList();
        IRenderedComponent<DeltaResourceTable> At(int page) => Render<DeltaResourceTable>(p => p.Add(t => t.Resources, resources)
            .Add(t => t.ResourceHref, id => "/delta?resource=" + id).Add(t => t.Page, page).Add(t => t.PageHref, n => $"/delta?page={n}"));

        var second = At(2);
        Assert.Equal(resources.Skip(DeltaResourceTable.Limit).Take(DeltaResourceTable.Limit).Select(r => r.ResourceId),
            second.All("delta-resource").Select(r => r.GetAttribute("data-resource")));
        Assert.Contains($"Resources 51–100 of {resources.Count} (page 2 of 3)", second.Text("delta-resources-pages"));
        Assert.Equal("/delta?page=1", second.Find("[data-testid='delta-resources-previous']").GetAttribute("href"));
        Assert.Equal("/delta?page=3", second.Find("[data-testid='delta-resources-next']").GetAttribute("href"));

        var pastTheEnd = At(9); // shows the last page
        Assert.Equal(resources.Skip(2 * DeltaResourceTable.Limit).Select(r => r.ResourceId), pastTheEnd.All("delta-resource").Select(r => r.GetAttribute("data-resource")));
        Assert.Empty(pastTheEnd.FindAll("[data-testid='delta-resources-next']"));
        Assert.Empty(At(1).FindAll("[data-testid='delta-resources-previous']"));
    }

    [Fact]
    public void A_bad_page_warns_and_shows_the_first()
    {
        var cut = RenderAt<DeltaPage>(ResizeUrl("&page=last"));
        cut.WaitFor("delta-node");
        Assert.Contains("'page' must be a whole number from 1", cut.Text("url-problem"));
    }

    [Fact]
    public void Unexplained_dollars_rank_first_and_are_flagged()
    {
        var cut = RenderAt<DeltaPage>(ResizeUrl("&node=customer:acme"));
        cut.WaitFor("delta-resource");

        var first = cut.All("delta-resource")[0];
        Assert.Equal(RepricedDemoEstate.RepricedId, first.GetAttribute("data-resource"));
        Assert.Equal(CauseKind.Unexplained, first.QuerySelector("[data-testid='cause-chip']")!.GetAttribute("data-cause"));
        Assert.Contains(Money.Signed(84.00m), first.TextContent);
        var cluster = cut.Find("[data-node='cluster:acme/prod-1']");
        Assert.Contains("polo-unexplained", cluster.GetAttribute("class"));
        Assert.Equal(Money.Signed(84.00m), cluster.QuerySelector("[data-testid='delta-node-unexplained']")!.TextContent.Trim());

        cut.Find($"[data-resource='{RepricedDemoEstate.RepricedId}'] a");
        Nav.NavigateTo(ResizeUrl($"&node=customer:acme&resource={RepricedDemoEstate.RepricedId}"));
        cut.WaitFor("delta-no-evidence");
        Assert.Empty(cut.All("delta-evidence"));
    }

    [Fact]
    public async Task Grouping_comes_from_the_url()
    {
        var d = await Get<IDeltaDecomposer>().DecomposeAsync(Resize.Baseline, Resize.Period, Grouping.AccountRole);

        var cut = RenderAt<DeltaPage>(ResizeUrl("&by=account_role"));
        cut.WaitFor("delta-node");

        Assert.Equal(d.Nodes.Select(n => n.NodeId), cut.All("delta-node").Select(r => r.GetAttribute("data-node")));
        Assert.All(cut.All("delta-node"), r => Assert.StartsWith("role:", r.GetAttribute("data-node")));
        Assert.Equal("true", cut.Find("[data-testid='group-account_role']").GetAttribute("aria-current"));
    }

    [Fact]
    public void Bad_grouping_warns_and_falls_back_to_customers()
    {
        var cut = RenderAt<DeltaPage>(ResizeUrl("&by=galaxy"));
        cut.WaitFor("delta-node");

        Assert.Contains("'by' must be one of", cut.Text("url-problem"));
        Assert.All(cut.All("delta-node"), r => Assert.Matches("^(customer:|unassigned$)", r.GetAttribute("data-node")!));
    }

    [Fact]
    public void Node_in_the_url_shows_its_resources_with_their_cause()
    {
        var cut = RenderAt<DeltaPage>(ResizeUrl($"&node={Uri.EscapeDataString(SearchIndex)}"));
        cut.WaitFor("delta-resource");

        var rows = cut.All("delta-resource");
        foreach (var id in Resize.ResourceIds)
        {
            var row = Assert.Single(rows, r => r.GetAttribute("data-resource") == id);
            Assert.Equal(CauseKind.Resized, row.QuerySelector("[data-testid='cause-chip']")!.GetAttribute("data-cause"));
            Assert.Contains("resource=" + Uri.EscapeDataString(id), row.QuerySelector("a")!.GetAttribute("href"));
        }
        var crumbs = cut.Text("delta-breadcrumb");
        Assert.Contains("acme", crumbs);
        Assert.Contains("prod-1", crumbs);
        Assert.Contains("search", crumbs);
    }

    [Fact]
    public void Resource_in_the_url_shows_the_evidence_linking_to_its_detail_page()
    {
        var id = Resize.ResourceIds[0];
        var cut = RenderAt<DeltaPage>(ResizeUrl($"&node={Uri.EscapeDataString(SearchIndex)}&resource={id}"));
        cut.WaitFor("delta-evidence");

        var evidence = cut.All("delta-evidence");
        Assert.Contains(evidence, e => e.TextContent.Contains("resized r5.xlarge → r5.4xlarge"));
        Assert.All(cut.FindAll("[data-testid='delta-evidence-link']"),
            a => Assert.StartsWith($"/resources/{Uri.EscapeDataString(id)}?from=", a.GetAttribute("href")));
        Assert.Equal("true", cut.Find($"[data-resource='{id}']").GetAttribute("aria-selected"));
    }

    [Fact]
    public void Unknown_node_or_resource_is_reported_as_not_found()
    {
        var cut = RenderAt<DeltaPage>(ResizeUrl("&node=customer:nobody"));
        cut.WaitFor("not-found");
        Assert.Contains("customer:nobody", cut.Text("not-found"));
        Assert.Empty(cut.All("delta-node"));

        Nav.NavigateTo(ResizeUrl($"&node={Uri.EscapeDataString(SearchIndex)}&resource=i-doesnotexist"));
        cut.WaitFor("not-found");
        Assert.Contains("i-doesnotexist", cut.Text("not-found"));
        Assert.NotEmpty(cut.All("delta-resource"));
    }

    [Fact]
    public void Following_a_node_link_drills_down_without_a_reload()
    {
        var cut = RenderAt<DeltaPage>(ResizeUrl());
        cut.WaitFor("delta-node");
        var acme = cut.Find("[data-node='customer:acme'] a");

        Nav.NavigateTo(acme.GetAttribute("href")!);
        cut.WaitForAssertion(() => Assert.Contains("acme", cut.Text("delta-breadcrumb")), Timeout);
        cut.WaitFor("delta-node");
        Assert.All(cut.All("delta-node"), r => Assert.StartsWith("cluster:acme/", r.GetAttribute("data-node")));
    }

    [Fact]
    public void A_range_without_cost_shows_the_empty_state()
    {
        var cut = RenderAt<DeltaPage>("/delta?from=2020-01-01&to=2020-01-07");
        cut.WaitFor("empty");
        Assert.Empty(cut.All("delta-node"));
    }

    [Fact]
    public async Task Engine_errors_show_a_clear_message_without_a_stack_trace()
    {
        // A real engine on a database that was never migrated: every query fails with the engine's own error.
        await using var empty = await TestDatabase.CreateAsync(migrate: false);
        await using var ctx = new WebTestContext(empty);
        var cut = ctx.RenderAt<DeltaPage>(ResizeUrl());
        cut.WaitFor("error-notice");

        var notice = cut.Text("error-notice");
        Assert.Contains("Could not load the cost delta", notice);
        Assert.Contains("cost_", notice); // the missing table the engine names
        Assert.DoesNotContain(" at Polo.", notice);
        Assert.Empty(cut.All("delta-node"));
    }
}
