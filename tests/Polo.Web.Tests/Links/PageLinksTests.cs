using System.Reflection;
using Microsoft.AspNetCore.Components;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Costs;
using Polo.Web.Components.Pages.Resources;
using Polo.Web.Services;
using Polo.Web.Services.Links;
using Polo.Web.Services.State;

namespace Polo.Web.Tests.Links;

/// <summary>Every <c>@page</c> route has a typed link, and every link reads back to the same state.</summary>
public sealed class PageLinksTests
{
    /// <summary>The <c>@page</c> templates of the app, found by reflection (a new page is covered without editing this).</summary>
    public static IReadOnlyList<string> Routes() =>
        typeof(PageLink).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template).Distinct().Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> RouteData() => new(Routes());

    private static readonly CarriedState Carried = new(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31), CostType.NetAmortized, Dark: true);

    [Fact]
    public void The_app_has_pages_and_every_link_type_is_a_page()
    {
        Assert.Contains("/", Routes());
        Assert.Contains("/resources/{*ResourceId}", Routes());
        Assert.All(PageLinks.Types.Keys, template => Assert.Contains(template, Routes()));
    }

    [Theory]
    [MemberData(nameof(RouteData))]
    public void Every_route_has_a_link_whose_href_parses_back_to_the_same_state(string template)
    {
        Assert.True(PageLinks.Types.TryGetValue(template, out var type),
            $"@page \"{template}\" has no typed link: add a record implementing IPageLink<T> to Polo.Web/Services/Links and list it in PageLinks.");
        foreach (var link in new[] { Sample(type!, empty: true), Sample(type!, empty: false) with { Carried = Carried } })
        {
            var parsed = PageLinks.Parse(link.Href);
            Assert.NotNull(parsed);
            Assert.Equal(type, parsed!.GetType());
            Assert.Equal(link, parsed);
            Assert.True(PageLinks.Matches(template, link.Path.TrimStart('/')), $"{link.Href} does not match {template}");
        }
    }

    [Fact]
    public void A_link_from_another_page_carries_its_range_cost_type_and_theme_and_its_own_range_wins()
    {
        const string current = "http://localhost/costs?from=2026-08-01&to=2026-08-31&cost=unblended&theme=dark&by=service&chart=bar";
        Assert.Equal("/hierarchy?from=2026-08-01&to=2026-08-31&cost=unblended&theme=dark&node=customer%3Aacme",
            new HierarchyLink("customer:acme").HrefFrom(current));
        var day = new DateOnly(2026, 8, 20);
        Assert.Equal("/delta?from=2026-08-20&to=2026-08-20&cost=unblended&theme=dark&bfrom=2026-08-13&bto=2026-08-19",
            new DeltaLink(day.AddDays(-7), day.AddDays(-1)) { Carried = new CarriedState(day, day) }.HrefFrom(current));
    }

    [Theory]
    [InlineData("i-0abc")]
    [InlineData("arn:aws:rds:eu-west-1:123456789012:db/orders primary")]
    [InlineData("bill:AmazonS3/Usage/Requests-Tier1?x=1#y%z")]
    public void A_resource_id_with_reserved_characters_survives_the_path(string id)
    {
        var link = new ResourceLink(id) { Carried = Carried };
        Assert.DoesNotContain("/", link.Path["/resources/".Length..]);
        Assert.Equal(link, PageLinks.Parse("http://localhost" + link.Href));
    }

    [Fact]
    public void The_pages_own_parsers_read_what_the_links_write()
    {
        var delta = new DeltaLink(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31), Grouping.AccountRole, "role:prod") { Carried = Carried };
        var selection = RangeSelection.From(UrlState.Query("http://localhost" + delta.Href), null);
        Assert.Empty(selection.Problems);
        Assert.Equal((Carried.From, Carried.To, CostType.NetAmortized), (selection.FromDay, selection.ToDay, selection.CostType));
        Assert.True(selection.BaselineIsExplicit);
        Assert.Equal(RangeSelection.ToRange(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31)), selection.Baseline);

        var costs = CostsView.From(UrlState.Query("http://localhost" + new CostsLink(Grouping.Region, CostChart.Table).Href));
        Assert.Equal((Grouping.Region, CostChart.Table), (costs.By, costs.Chart));
        Assert.Empty(costs.Problems);

        var resources = ResourcesView.From(UrlState.Query("http://localhost" +
            new ResourcesLink("web", "ebs_volume", "123456789012", "acme", "cluster:acme/prod-1", "region", true, 3, 100).Href));
        Assert.Empty(resources.Problems);
        Assert.Equal(("web", "ebs_volume", "123456789012", "acme", "cluster:acme/prod-1", "region", true, 3, 100),
            (resources.Search, resources.Type, resources.Account, resources.Customer, resources.Node, resources.Sort, resources.Descending, resources.Page, resources.Size));
    }

    [Fact]
    public void A_path_no_page_has_parses_to_nothing()
    {
        Assert.Null(PageLinks.Parse("http://localhost/nowhere/at/all?from=2026-08-01"));
        Assert.IsType<ResourcesLink>(PageLinks.Parse("/resources?q=x"));
        Assert.IsType<ResourceLink>(PageLinks.Parse("/resources/i-1"));
    }

    /// <summary>A link of <paramref name="type"/> through its widest constructor: every parameter null (empty) or set to a
    /// sample of its type (strings with characters a URL must escape).</summary>
    private static PageLink Sample(Type type, bool empty)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select((p, i) => empty && p.HasDefaultValue ? p.DefaultValue : SampleOf(p.ParameterType, i)).ToArray();
        return (PageLink)ctor.Invoke(args);
    }

    private static object SampleOf(Type type, int i)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return $"a/b:c d?e&f=g#h%{i}";
        if (t == typeof(DateOnly)) return new DateOnly(2026, 7, 1).AddDays(i);
        if (t == typeof(int)) return 25 + i;
        if (t == typeof(decimal)) return 75.5m + i;
        if (t == typeof(bool)) return true;
        if (t == typeof(Grouping)) return Grouping.AccountRole;
        if (t.IsEnum) return Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1)!;
        throw new InvalidOperationException($"No sample value for {type} (a link parameter): add one here.");
    }
}
