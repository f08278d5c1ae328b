using Polo.Data.Analysis;
using Polo.Web.Api.Export;
using Polo.Web.Components.Pages.Costs;
using Polo.Web.Services.State;

namespace Polo.Web.Api;

/// <summary>Cost ×4: total, daily, breakdown by a grouping (the Costs table), headline figures (the dashboard).</summary>
internal static class CostEndpoints
{
    public static readonly CsvTable<CostPoint> Daily = new("cost-daily", ("day", p => p.Bucket), ("cost", p => p.Cost));

    public static readonly CsvTable<GroupCost> Breakdown = new("costs",
        ("key", g => g.Key), ("name", g => g.Label), ("cost", g => g.Cost), ("previous_cost", g => g.PreviousCost), ("delta", g => g.Delta));

    public static void Map(RouteGroupBuilder api)
    {
        var cost = api.MapGroup("/cost").WithTags("Cost");
        cost.MapGet("/total", async (HttpRequest req, ICostQueries costs, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            var total = await costs.TotalAsync(s.Range, null, s.CostType, ct);
            return Results.Ok(new { from = s.FromDay, to = s.ToDay, cost = s.CostType.ToUrl(), total });
        }).WithSummary("Total cost of a range (from, to inclusive UTC days; cost = unblended|amortized|net-amortized).");

        cost.MapGet("/daily", async (HttpRequest req, ICostQueries costs, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            return Daily.Respond(req, await costs.DailyAsync(s.Range, null, s.CostType, ct));
        }).WithSummary("Daily cost of a range (the dashboard chart). format=csv for CSV.");

        cost.MapGet("/breakdown", async (HttpRequest req, ICostQueries costs, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            var view = CostsView.From(ApiQuery.Of(req));
            if (view.Problems.Count > 0) return ApiQuery.BadRequest(view.Problems);
            return Breakdown.Respond(req, await costs.BreakdownAsync(s.Range, view.By, null, s.CostType, ct));
        }).WithSummary("Cost per group (by = customer|account_role|service|account|region|resource_type) against the previous period: the Costs table. format=csv for CSV.");

        cost.MapGet("/kpis", async (HttpRequest req, ICostQueries costs, CancellationToken ct) =>
        {
            var (s, error) = await ApiQuery.RangeAsync(req, costs, ct);
            if (s is null) return error!;
            var problems = new List<string>();
            var by = QueryEnums.Grouping(ApiQuery.Of(req), "by", await costs.StructureAsync(s.Range, ct), CostsView.Groupings, problems);
            if (problems.Count > 0) return ApiQuery.BadRequest(problems);
            return Results.Ok(await costs.KpisAsync(s.Range, s.CostType, by, ct));
        }).WithSummary("The dashboard's headline figures: cost, previous cost, unexplained, top movers (by, default: the bill's structure).");
    }
}
