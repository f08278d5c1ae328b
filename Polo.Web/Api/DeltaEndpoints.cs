using Polo.Data.Analysis;
using Polo.Web.Api.Export;
using Polo.Web.Components.Pages.Delta;
using Polo.Web.Services.State;

namespace Polo.Web.Api;

/// <summary>
/// Delta ×3 on the decomposition's current shape (<see cref="DeltaDecomposition"/>: mechanism split per resource,
/// Moved / UnexplainedMoved): the explained causes (/explain), the node table and the resource table (/delta).
/// </summary>
internal static class DeltaEndpoints
{
    public static readonly CsvTable<CauseSummary> Causes = new("explain-causes",
        ("cause", c => c.Cause), ("node", c => c.NodeId), ("description", c => c.Description), ("amount", c => c.Amount),
        ("resources", c => c.ResourceCount));

    public static readonly CsvTable<DeltaNode> Nodes = new("delta-nodes",
        ("node", n => n.NodeId), ("type", n => n.NodeType), ("name", n => n.Name), ("baseline_cost", n => n.BaselineCost),
        ("period_cost", n => n.PeriodCost), ("delta", n => n.Delta), ("explained", n => n.Explained), ("unexplained", n => n.Unexplained));

    public static readonly CsvTable<ResourceDelta> Resources = new("delta-resources",
        ("resource", r => r.ResourceId), ("type", r => r.ResourceType), ("account", r => r.AccountId), ("service", r => r.Service),
        ("baseline_cost", r => r.BaselineCost), ("period_cost", r => r.PeriodCost), ("delta", r => r.Delta), ("cause", r => r.Cause),
        ("explained", r => r.Explained), ("unexplained", r => r.Unexplained), ("moved", r => r.Moved),
        ("parts", r => string.Join("; ", r.CauseParts.Select(p => $"{p.Cause} {p.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))));

    private sealed record Request(DeltaDecomposition Decomposition, string? Node);

    private static async Task<(Request? Request, IResult? Error)> DecomposeAsync(HttpRequest req, ICostQueries costs, IDeltaDecomposer decomposer, CancellationToken ct)
    {
        var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
        if (s is null) return (null, error);
        var query = ApiQuery.Of(req);
        var problems = new List<string>();
        var by = QueryEnums.Grouping(query, "by", Data.Vocabulary.Grouping.Customer, GroupingLinks.Allowed, problems);
        if (problems.Count > 0) return (null, ApiQuery.BadRequest(problems));
        var d = await decomposer.DecomposeAsync(s.Baseline, s.Range, by, null, s.CostType, ct);
        var node = query.GetValueOrDefault("node") is { Length: > 0 } n ? n : null;
        if (node is not null && DeltaTree.PathTo(d.Nodes, node) is null)
            return (null, Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown node", detail: $"Node '{node}' has no cost in this delta (by={by})."));
        return (new Request(d, node), null);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var delta = api.MapGroup("/delta").WithTags("Delta");
        delta.MapGet("/causes", async (HttpRequest req, ICostQueries costs, IDeltaDecomposer decomposer, CancellationToken ct) =>
        {
            var (r, error) = await DecomposeAsync(req, costs, decomposer, ct);
            if (r is null) return error!;
            var d = r.Decomposition;
            return Causes.Respond(req, d.Causes, new
            {
                baseline = new { from = ApiQuery.Day(d.Baseline.Start), to = ApiQuery.Day(d.Baseline.End.AddTicks(-1)) },
                period = new { from = ApiQuery.Day(d.Period.Start), to = ApiQuery.Day(d.Period.End.AddTicks(-1)) },
                by = d.GroupBy.ToString(), cost = d.CostType.ToUrl(),
                d.BaselineCost, d.PeriodCost, d.Delta, d.Unexplained, d.Moved, d.UnexplainedMoved,
                causes = d.Causes,
            });
        }).WithSummary("Explain a range: totals, moved and unexplained-moved dollars, and the causes (from, to, bfrom, bto, by, cost). format=csv for the causes.");

        delta.MapGet("/nodes", async (HttpRequest req, ICostQueries costs, IDeltaDecomposer decomposer, CancellationToken ct) =>
        {
            var (r, error) = await DecomposeAsync(req, costs, decomposer, ct);
            if (r is null) return error!;
            var nodes = r.Node is null ? r.Decomposition.Nodes : DeltaTree.PathTo(r.Decomposition.Nodes, r.Node)![^1].Children;
            return Nodes.Respond(req, nodes, nodes.Select(n => new
            {
                node = n.NodeId, type = n.NodeType, n.Name, n.BaselineCost, n.PeriodCost, n.Delta, n.Explained, n.Unexplained,
                children = n.Children.Count, resources = n.Resources.Count,
            }));
        }).WithSummary("The delta's node table: top-level nodes, or the children of node. format=csv for CSV.");

        delta.MapGet("/resources", async (HttpRequest req, ICostQueries costs, IDeltaDecomposer decomposer, CancellationToken ct) =>
        {
            var (r, error) = await DecomposeAsync(req, costs, decomposer, ct);
            if (r is null) return error!;
            var under = r.Node is null ? r.Decomposition.Nodes : [DeltaTree.PathTo(r.Decomposition.Nodes, r.Node)![^1]];
            var rows = DeltaTree.Resources(under);
            return Resources.Respond(req, rows, rows.Select(x => new
            {
                resource = x.ResourceId, type = x.ResourceType, account = x.AccountId, x.Service, x.BaselineCost, x.PeriodCost, x.Delta,
                x.Cause, x.Explained, x.Unexplained, x.Moved,
                parts = x.CauseParts.Select(p => new { p.Cause, p.Amount, p.Figures, evidence = p.Evidence }),
            }));
        }).WithSummary("The delta's resource table under node (all when absent), each with its parts by cause and mechanism. format=csv for CSV.");
    }
}
