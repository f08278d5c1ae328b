using Polo.Data.Analysis;
using Polo.Data.Analysis.Resources;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Vocabulary;
using static Polo.Data.Tests.Analysis.Fixtures.ResourceScenario;

namespace Polo.Data.Tests.Analysis;

public sealed class ResourceQueriesTests(ResourceScenario scenario) : IClassFixture<ResourceScenario>
{
    private readonly ResourceQueries _q = new(scenario.Ch);
    private static readonly TimeRange Oct1To3 = TimeRange.Create(Day(10, 1), Day(10, 3));

    private async Task<string[]> Ids(ResourceQuery q) => (await _q.SearchAsync(q)).Rows.Select(r => r.ResourceId).ToArray();

    [Fact]
    public async Task Default_sort_is_cost_in_the_range_descending()
    {
        var page = await _q.SearchAsync(new ResourceQuery(CostRange: Oct1To3));
        Assert.Equal(4, page.Total);
        Assert.Equal([("i-a", 48.00m), ("i-c", 12.00m), ("vol-b", 4.80m), ("snap-d", 0m)], page.Rows.Select(r => (r.ResourceId, r.Cost)));
    }

    [Theory]
    [InlineData("node-1", new[] { "i-a", "vol-b" })]
    [InlineData("BLUE", new[] { "i-a" })]
    [InlineData("team", new[] { "i-a", "vol-b" })]
    [InlineData("snap-", new[] { "snap-d" })]
    [InlineData("' OR 1=1 --", new string[0])]
    public async Task Free_text_matches_id_name_and_tags(string text, string[] expected)
    {
        Assert.Equal(expected, await Ids(new ResourceQuery(Search: text, SortBy: "resource_id", Direction: SortDirection.Ascending)));
    }

    [Fact]
    public async Task Filters_narrow_by_type_node_state_and_account()
    {
        Assert.Equal(["i-a", "i-c"], await Ids(new ResourceQuery(ResourceType: ResourceTypes.Instance, SortBy: "resource_id", Direction: SortDirection.Ascending)));
        Assert.Equal(["i-a", "vol-b"], await Ids(new ResourceQuery(NodeId: "index:acme/prod-1/search", SortBy: "resource_id", Direction: SortDirection.Ascending)));
        Assert.Equal(["i-c"], await Ids(new ResourceQuery(State: ResourceStates.Stopped)));
        Assert.Equal(["i-c"], await Ids(new ResourceQuery(AccountId: AccountB)));
    }

    [Fact]
    public async Task Sorts_by_any_row_column_and_pages_with_a_total()
    {
        Assert.Equal(["snap-d", "i-c", "i-a", "vol-b"], await Ids(new ResourceQuery(SortBy: "name", Direction: SortDirection.Ascending)));
        Assert.Equal(["snap-d", "i-c", "vol-b", "i-a"], await Ids(new ResourceQuery(SortBy: "created_at")));
        foreach (var column in ResourceSort.Allowed) Assert.Equal(4, (await _q.SearchAsync(new ResourceQuery(SortBy: column))).Rows.Count);

        var page = await _q.SearchAsync(new ResourceQuery(CostRange: Oct1To3, Page: 1, PageSize: 2));
        Assert.Equal(4, page.Total);
        Assert.Equal(["vol-b", "snap-d"], page.Rows.Select(r => r.ResourceId));
    }

    [Theory]
    [InlineData("cost; DROP TABLE cost_hourly")]
    [InlineData("tags")]
    [InlineData("Cost")]
    public async Task Sort_columns_outside_the_whitelist_are_refused(string sortBy)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _q.SearchAsync(new ResourceQuery(SortBy: sortBy)));
        Assert.Contains("Cannot sort by", e.Message);
    }

    [Fact]
    public async Task Detail_has_tags_properties_timeline_daily_cost_and_live_relationships()
    {
        var d = await _q.DetailAsync("i-a", Oct1To3);
        Assert.NotNull(d);
        Assert.Equal(("search-node-1", "acme", "prod-1", "search", 48.00m), (d.Resource.Name, d.Resource.Customer, d.Resource.Cluster, d.Resource.IndexName, d.Resource.Cost));
        Assert.Equal("blue", d.Tags["team"]);
        Assert.Equal("m5.2xlarge", d.Properties[EventProperties.InstanceType]);
        Assert.Equal(["launched m5.large", "resized m5.large → m5.2xlarge"], d.Events.Select(e => e.Summary));
        Assert.Equal([24.00m, 24.00m], d.DailyCost.Select(p => p.Cost));
        var rel = Assert.Single(d.Relationships);
        Assert.Equal(new Relationship(Relations.AttachedTo, "vol-b", ResourceTypes.Volume, Outgoing: false), rel);

        var vol = await _q.DetailAsync("vol-b", Oct1To3);
        Assert.Equal(new Relationship(Relations.AttachedTo, "i-a", ResourceTypes.Instance, Outgoing: true), Assert.Single(vol!.Relationships));
    }

    [Fact]
    public async Task Detail_of_a_deleted_resource_has_its_deletion_time_and_unknown_ids_are_null()
    {
        var d = await _q.DetailAsync("i-c", Oct1To3);
        Assert.Equal(Day(10, 2), d!.Resource.DeletedAt);
        Assert.Null((await _q.DetailAsync("i-a", Oct1To3))!.Resource.DeletedAt);
        Assert.Null(await _q.DetailAsync("i-nope", Oct1To3));
    }
}
