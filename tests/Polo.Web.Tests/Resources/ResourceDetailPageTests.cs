using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Resources;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Resources;

[Collection(ArnDemoEstate.Collection)]
public sealed class ResourceDetailPageTests(ArnDemoEstate estate) : WebTestContext(estate.Ch)
{

    private IRenderedComponent<ResourceDetailPage> Open(string id, string query = ArnDemoEstate.LastTwoWeeks) =>
        RenderAt<ResourceDetailPage>($"/resources/{Uri.EscapeDataString(id)}?{query}", p => p.Add(x => x.ResourceId, Uri.EscapeDataString(id)));

    [Fact]
    public void A_resource_known_only_from_the_bill_has_a_detail_page_with_its_billed_hours_and_cost()
    {
        var cut = Open("polo-demo-log-archive");

        Assert.Equal("s3_bucket", Text(cut.Find("[data-testid=resource-type]")));
        Assert.Equal("logging-archive · logging (100000000015)", Text(cut.Find("[data-testid=resource-account]")));
        Assert.Contains("Known only from the bill", Text(cut.Find("[data-testid=bill-only]")));
        var start = DemoEstateFixture.End.AddDays(-estate.DemoDays);
        Assert.Equal($"{start:yyyy-MM-dd} 00:00 UTC", Text(cut.Find("[data-testid=first-billed]")));
        Assert.Equal($"{DemoEstateFixture.End.AddHours(-1):yyyy-MM-dd HH}:00 UTC", Text(cut.Find("[data-testid=last-billed]")));
        // 14 days × 24 h of 5,000 GB at $0.023/GB-month.
        Assert.Equal(Money.Format(14 * 24 * Math.Round(0.023m * 5000 / 730m, 6)), Text(cut.Find("[data-testid=resource-cost]")));
    }

    [Fact]
    public void An_id_with_slashes_and_colons_opens_its_detail()
    {
        var cut = Open(ArnDemoEstate.ArnId);
        Assert.Equal("web-lb", Text(cut.Find("[data-testid=resource-name]")));
        Assert.Equal(ArnDemoEstate.ArnId, Text(cut.Find("[data-testid=resource-id]")));
        Assert.Equal(ResourceTypes.LoadBalancer, Text(cut.Find("[data-testid=resource-type]")));
        Assert.Equal($"edge · production ({ArnDemoEstate.ArnAccount})", Text(cut.Find("[data-testid=resource-account]"))); // name and role from account_metadata
        Assert.Equal(Money.Format(84.00m), Text(cut.Find("[data-testid=resource-cost]")));   // 7 days × 24 h × 0.50
        Assert.Contains("web", Text(cut.Find("[data-testid=resource-tags]")));
        Assert.Contains("internet-facing", Text(cut.Find("[data-testid=resource-properties]")));

        var events = cut.FindAll("[data-testid=resource-event]");
        Assert.Equal([EventTypes.Created, EventTypes.Resized], events.Select(e => e.GetAttribute("data-event-type")));
        Assert.Contains("resized small → large", Text(events[1]));
        Assert.Equal(["new: large", "old: small"], events[1].QuerySelectorAll("[data-testid=event-property]").Select(Text));

        Assert.Equal(
        [
            "/hierarchy?from=2026-10-18&to=2026-10-31&node=customer%3Aacme",
            "/hierarchy?from=2026-10-18&to=2026-10-31&node=cluster%3Aacme%2Fprod-1",
            "/hierarchy?from=2026-10-18&to=2026-10-31&node=index%3Aacme%2Fprod-1%2Fsearch",
        ], cut.FindAll("[data-testid=hierarchy-link]").Select(a => a.GetAttribute("href")));
        Assert.Equal($"/delta?from=2026-10-18&to=2026-10-31&by=customer&node=index%3Aacme%2Fprod-1%2Fsearch&resource={Uri.EscapeDataString(ArnDemoEstate.ArnId)}",
            cut.Find("[data-testid=resource-delta-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_demo_resource_shows_the_detail_queries_timeline_and_cost()
    {
        var queries = Services.GetRequiredService<IResourceQueries>();
        var top = (await queries.SearchAsync(new ResourceQuery(ResourceType: ResourceTypes.Instance, CostRange: ArnDemoEstate.Oct18To31, PageSize: 1))).Rows[0];
        var detail = (await queries.DetailAsync(top.ResourceId, ArnDemoEstate.Oct18To31))!;

        var cut = Open(top.ResourceId);
        Assert.Equal(Money.Format(detail.DailyCost.Sum(p => p.Cost)), Text(cut.Find("[data-testid=resource-cost]")));
        Assert.Equal(Money.Format(top.Cost), Text(cut.Find("[data-testid=resource-cost]")));
        Assert.Equal(detail.Events.Select(e => e.EventType), cut.FindAll("[data-testid=resource-event]").Select(e => e.GetAttribute("data-event-type")));
        Assert.Equal(detail.Relationships.Count, cut.FindAll("[data-testid=resource-relationship]").Count);
    }

    [Fact]
    public void An_unknown_id_shows_not_found()
    {
        var cut = Open("i-doesnotexist/with:odd%chars");
        Assert.Contains("i-doesnotexist/with:odd%chars", Text(cut.Find("[data-testid=not-found]")));
        Assert.Empty(cut.FindAll("[data-testid=resource-header]"));
    }

    [Fact]
    public void Another_id_in_the_route_reloads_the_reused_page()
    {
        var cut = Open(ArnDemoEstate.ArnId);
        Assert.Equal("web-lb", Text(cut.Find("[data-testid=resource-name]")));

        // What the router does on /resources/a → /resources/b: same component, new URL, new route parameter.
        const string other = "i-doesnotexist/other";
        Nav.NavigateTo($"/resources/{Uri.EscapeDataString(other)}?{ArnDemoEstate.LastTwoWeeks}");
        cut.Render(p => p.Add(x => x.ResourceId, Uri.EscapeDataString(other)));
        cut.WaitForAssertion(() => Assert.Contains(other, Text(cut.Find("[data-testid=not-found]"))), Timeout);
        Assert.Empty(cut.FindAll("[data-testid=resource-header]"));
    }

    [Fact]
    public void A_bad_range_warns_and_still_shows_the_resource()
    {
        var cut = Open(ArnDemoEstate.ArnId, "from=yesterday&to=2026-10-31");
        Assert.Contains("'from'", Text(cut.Find("[data-testid=url-problem]")));
        Assert.Equal("web-lb", Text(cut.Find("[data-testid=resource-name]")));
    }
}
