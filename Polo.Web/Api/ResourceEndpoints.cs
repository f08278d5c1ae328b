using Polo.Data.Analysis;
using Polo.Data.Analysis.Resources;
using Polo.Web.Api.Export;
using Polo.Web.Components.Pages.Resources;

namespace Polo.Web.Api;

/// <summary>Resources ×4: the inventory search (the /resources table), one resource, its daily cost, its events.</summary>
internal static class ResourceEndpoints
{
    public static readonly CsvTable<ResourceRow> Table = new("resources",
        ("resource", r => r.ResourceId), ("name", r => r.Name), ("type", r => r.ResourceType), ("account", r => r.AccountId),
        ("region", r => r.Region), ("state", r => r.State), ("customer", r => r.Customer), ("cluster", r => r.Cluster),
        ("index", r => r.IndexName), ("cost", r => r.Cost), ("created_at", r => r.CreatedAt), ("deleted_at", r => r.DeletedAt));

    public static readonly CsvTable<ResourceEvent> Events = new("resource-events",
        ("time", e => e.EventTime), ("event", e => e.EventType), ("summary", e => e.Summary), ("source", e => e.Source),
        ("actor", e => e.Actor), ("event_id", e => e.EventId));

    public static void Map(RouteGroupBuilder api)
    {
        var resources = api.MapGroup("/resources").WithTags("Resources");
        resources.MapGet("", async (HttpRequest req, ICostQueries costs, IResourceQueries queries, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            var view = ResourcesView.From(ApiQuery.Of(req));
            if (view.Problems.Count > 0) return ApiQuery.BadRequest(view.Problems);
            // CSV exports every match (all pages); JSON answers the page asked for.
            if (ApiQuery.WantsCsv(req))
            {
                var rows = new List<ResourceRow>();
                for (var n = 0; ; n++)
                {
                    var chunk = await queries.SearchAsync(view.ToQuery(s.Range, 1, s.CostType) with { Page = n, PageSize = ResourceQueries.MaxPageSize }, ct);
                    rows.AddRange(chunk.Rows);
                    if (chunk.Rows.Count < ResourceQueries.MaxPageSize || rows.Count >= chunk.Total) break;
                }
                return Table.Csv(rows);
            }
            var page = await queries.SearchAsync(view.ToQuery(s.Range, costType: s.CostType), ct);
            return Results.Ok(new { total = page.Total, page = view.Page, size = view.Size, rows = page.Rows });
        }).WithSummary("The inventory (q, type, account, customer, node, sort, desc, page, size; cost over from–to). format=csv exports every match.");

        resources.MapGet("/{id}", async (string id, HttpRequest req, ICostQueries costs, IResourceQueries queries, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            return await queries.DetailAsync(id, s.Range, s.CostType, ct) is { } detail ? Results.Ok(detail) : NotFound(id);
        }).WithSummary("One resource: its row, tags, properties, events, daily cost, relationships and billing.");

        resources.MapGet("/{id}/daily", async (string id, HttpRequest req, ICostQueries costs, IResourceQueries queries, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            return await queries.DetailAsync(id, s.Range, s.CostType, ct) is { } detail ? CostEndpoints.Daily.Respond(req, detail.DailyCost) : NotFound(id);
        }).WithSummary("A resource's daily cost over from–to. format=csv for CSV.");

        resources.MapGet("/{id}/events", async (string id, HttpRequest req, ICostQueries costs, IResourceQueries queries, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            return await queries.DetailAsync(id, s.Range, s.CostType, ct) is { } detail
                ? Events.Respond(req, detail.Events, detail.Events.Select(e => new { time = e.EventTime, e.EventId, @event = e.EventType, e.Summary, e.Source, e.Actor, e.Properties }))
                : NotFound(id);
        }).WithSummary("A resource's lifecycle events (the timeline). format=csv for CSV.");
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown resource", detail: $"There is no resource '{id}'.");
}
