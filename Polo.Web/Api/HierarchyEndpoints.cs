using Polo.Data.Analysis;
using Polo.Web.Api.Export;

namespace Polo.Web.Api;

/// <summary>Hierarchy ×2: the children of a node with cost and trend (the /hierarchy table), and a node's path.</summary>
internal static class HierarchyEndpoints
{
    public static readonly CsvTable<HierarchyNodeCost> Table = new("hierarchy",
        ("node", n => n.NodeId), ("type", n => n.NodeType), ("name", n => n.Name), ("parent", n => n.ParentId),
        ("cost", n => n.Cost), ("previous_cost", n => n.PreviousCost), ("delta", n => n.Delta), ("children", n => n.ChildCount));

    public static void Map(RouteGroupBuilder api)
    {
        var hierarchy = api.MapGroup("/hierarchy").WithTags("Hierarchy");
        hierarchy.MapGet("", async (HttpRequest req, ICostQueries costs, IHierarchyQueries queries, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            var node = ApiQuery.Of(req).GetValueOrDefault("node") ?? "";
            if (node != "" && await queries.NodeAsync(node, s.Range, s.CostType, ct) is null) return UnknownNode(node);
            return Table.Respond(req, await queries.ChildrenAsync(node, s.Range, s.CostType, ct));
        }).WithSummary("Children of node (the roots when absent) with cost, previous cost and daily trend. format=csv for CSV.");

        hierarchy.MapGet("/path", async (HttpRequest req, ICostQueries costs, IHierarchyQueries queries, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            var node = ApiQuery.Of(req).GetValueOrDefault("node") ?? "";
            if (node == "") return ApiQuery.BadRequest(["'node' is required, e.g. cluster:acme/prod-1."]);
            var path = await queries.PathAsync(node, s.Range, s.CostType, ct);
            return path.Count == 0 ? UnknownNode(node) : Table.Respond(req, path);
        }).WithSummary("The node's ancestors from the root down to the node (breadcrumbs).");
    }

    private static IResult UnknownNode(string node) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown node", detail: $"There is no node '{node}'.");
}
