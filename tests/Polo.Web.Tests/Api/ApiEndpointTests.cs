using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Access;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Tests.Auth;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Api;

/// <summary>
/// The REST API on the 28-day demo estate, called with a viewer API token: each endpoint answers what the page's own
/// query answers for the same URL parameters, CSV included; bad parameters are a 400 with the page's message.
/// </summary>
[Collection(RepricedDemoEstate.Collection)]
public sealed class ApiEndpointTests(RepricedDemoEstate estate) : IAsyncLifetime
{
    private readonly LoopbackOidcProvider _keys = new();
    private PoloWebFactory _app = null!;
    private HttpClient _http = null!;

    private string Range => RepricedDemoEstate.RangeQuery(estate.Cause("scale-up-acme-search").Period, estate.Cause("scale-up-acme-search").Baseline);
    private TimeRange Period => estate.Cause("scale-up-acme-search").Period;
    private TimeRange Baseline => estate.Cause("scale-up-acme-search").Baseline;

    public async Task InitializeAsync()
    {
        _app = new PoloWebFactory(PoloWebFactory.Cloudflare(_keys), estate.Ch.Database);
        var token = await _app.Services.GetRequiredService<ApiTokenStore>().CreateAsync("api tests", Roles.Viewer, new Actor("root", Roles.Admin));
        _http = _app.Client();
        _http.DefaultRequestHeaders.Authorization = new("Bearer", token.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _keys.Dispose();
    }

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    private async Task<JsonElement> JsonAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<string[]> CsvAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        return body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Cost_endpoints_answer_what_the_cost_queries_answer()
    {
        var costs = Get<ICostQueries>();
        var total = await JsonAsync($"/api/v1/cost/total?{Range}&cost=unblended");
        Assert.Equal(await costs.TotalAsync(Period, null, CostType.Unblended), total.GetProperty("total").GetDecimal());
        Assert.Equal("unblended", total.GetProperty("cost").GetString());

        var daily = await JsonAsync($"/api/v1/cost/daily?{Range}");
        Assert.Equal((int)Period.Length.TotalDays, daily.GetArrayLength());
        var breakdown = await costs.BreakdownAsync(Period, Grouping.Service);
        var csv = await CsvAsync($"/api/v1/cost/breakdown?{Range}&by=service&format=csv");
        Assert.Equal("key,name,cost,previous_cost,delta", csv[0]);
        Assert.Equal(breakdown.Count, csv.Length - 1);
        Assert.StartsWith(breakdown[0].Key + ",", csv[1], StringComparison.Ordinal);

        var kpis = await JsonAsync($"/api/v1/cost/kpis?{Range}&by=account");
        Assert.Equal((await costs.KpisAsync(Period, CostType.Amortized, Grouping.Account)).Cost, kpis.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task Delta_endpoints_are_the_decomposition_with_its_mechanism_split_and_moved_dollars()
    {
        var d = await Get<IDeltaDecomposer>().DecomposeAsync(Baseline, Period, Grouping.Customer);
        var causes = await JsonAsync($"/api/v1/delta/causes?{Range}");
        Assert.Equal(d.Delta, causes.GetProperty("delta").GetDecimal());
        Assert.Equal(d.Moved, causes.GetProperty("moved").GetDecimal());
        Assert.Equal(d.UnexplainedMoved, causes.GetProperty("unexplainedMoved").GetDecimal());
        Assert.Equal(d.Causes.Count, causes.GetProperty("causes").GetArrayLength());
        Assert.Equal(d.Causes.Count + 1, (await CsvAsync($"/api/v1/delta/causes?{Range}&format=csv")).Length);

        var nodes = await JsonAsync($"/api/v1/delta/nodes?{Range}");
        Assert.Equal(d.Nodes.Select(n => n.NodeId), nodes.EnumerateArray().Select(n => n.GetProperty("node").GetString()));
        var acme = await JsonAsync($"/api/v1/delta/nodes?{Range}&node=customer:acme");
        Assert.Contains(acme.EnumerateArray(), n => n.GetProperty("node").GetString() == "cluster:acme/prod-1");

        var resources = await JsonAsync($"/api/v1/delta/resources?{Range}&node=customer:acme");
        var repriced = resources.EnumerateArray().First();
        Assert.Equal(RepricedDemoEstate.RepricedId, repriced.GetProperty("resource").GetString());
        Assert.Equal(CauseKind.Unexplained, repriced.GetProperty("cause").GetString());
        var parts = repriced.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(repriced.GetProperty("delta").GetDecimal(), parts.Sum(p => p.GetProperty("amount").GetDecimal()));
        var csv = await CsvAsync($"/api/v1/delta/resources?{Range}&node=customer:acme&format=csv");
        Assert.StartsWith("resource,type,account,service,baseline_cost,period_cost,delta,cause,explained,unexplained,moved,parts", csv[0], StringComparison.Ordinal);
        Assert.StartsWith(RepricedDemoEstate.RepricedId + ",", csv[1], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/delta/nodes?{Range}&node=customer:nobody")).StatusCode);
    }

    [Fact]
    public async Task Bad_parameters_are_a_400_with_the_pages_message()
    {
        foreach (var (path, message) in new[]
        {
            ($"/api/v1/delta/causes?{Range}&by=colour", "'by' must be one of"),
            ("/api/v1/cost/total?from=yesterday", "'from' must be a day like 2026-08-01"),
            ("/api/v1/cost/total?cost=cheap", "'cost' must be one of"),
            ("/api/v1/resources?size=7", "'size' must be one of"),
            ("/api/v1/collectors/runs?collector=nope", "'collector' must be one of"),
        })
        {
            var response = await _http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Contains(message, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Resource_and_hierarchy_endpoints_answer_the_inventory_and_the_tree()
    {
        var page = await Get<IResourceQueries>().SearchAsync(new ResourceQuery(ResourceType: ResourceTypes.Volume, CostRange: Period));
        var resources = await JsonAsync($"/api/v1/resources?{Range}&type={ResourceTypes.Volume}");
        Assert.Equal(page.Total, resources.GetProperty("total").GetInt64());
        var csv = await CsvAsync($"/api/v1/resources?{Range}&type={ResourceTypes.Volume}&format=csv");
        Assert.Equal(page.Total, csv.Length - 1);

        var detail = await JsonAsync($"/api/v1/resources/{RepricedDemoEstate.RepricedId}?{Range}");
        Assert.Equal(RepricedDemoEstate.RepricedId, detail.GetProperty("resource").GetProperty("resourceId").GetString());
        Assert.Equal((int)Period.Length.TotalDays + 1, (await CsvAsync($"/api/v1/resources/{RepricedDemoEstate.RepricedId}/daily?{Range}&format=csv")).Length);
        var events = await JsonAsync($"/api/v1/resources/{RepricedDemoEstate.RepricedId}/events?{Range}");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("event").GetString() == EventTypes.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/v1/resources/i-nothere?{Range}")).StatusCode);

        var roots = await JsonAsync($"/api/v1/hierarchy?{Range}");
        Assert.Contains(roots.EnumerateArray(), n => n.GetProperty("nodeId").GetString() == "customer:acme");
        var path = await JsonAsync($"/api/v1/hierarchy/path?{Range}&node=cluster:acme/prod-1");
        Assert.Equal(["customer:acme", "cluster:acme/prod-1"], path.EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_health_is_ready()
    {
        var doc = await JsonAsync("/api/v1/openapi.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        string[] expected =
        [
            "/api/v1/cost/total", "/api/v1/cost/daily", "/api/v1/cost/breakdown", "/api/v1/cost/kpis",
            "/api/v1/delta/causes", "/api/v1/delta/nodes", "/api/v1/delta/resources",
            "/api/v1/resources", "/api/v1/resources/{id}", "/api/v1/resources/{id}/daily", "/api/v1/resources/{id}/events",
            "/api/v1/hierarchy", "/api/v1/hierarchy/path", "/api/v1/health",
        ];
        Assert.All(expected, p => Assert.Contains(p, paths));
        var health = await JsonAsync("/api/v1/health");
        Assert.Equal("ready", health.GetProperty("status").GetString());

        // Prometheus scrape with the (viewer) token: Polo's own instruments are there, query latency already recorded.
        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("polo_query_duration", metrics, StringComparison.Ordinal);

        using var anonymous = _app.Client();
        Assert.Equal("ok", await anonymous.GetStringAsync("/healthz"));
        Assert.Equal("ready", await anonymous.GetStringAsync("/readyz"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
    }
}
