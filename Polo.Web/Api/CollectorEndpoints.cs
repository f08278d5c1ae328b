using Polo.Collection.Runs;
using Polo.Web.Api.Export;

namespace Polo.Web.Api;

/// <summary>Collector runs (the /collectors history table).</summary>
internal static class CollectorEndpoints
{
    public static readonly CsvTable<CollectorRunRow> Runs = new("collector-runs",
        ("collector", r => r.Collector), ("account", r => r.AccountId), ("region", r => r.Region), ("started_at", r => r.StartedAt),
        ("finished_at", r => r.FinishedAt), ("duration_ms", r => (long)r.DurationMs), ("rows_written", r => (long)r.RowsWritten),
        ("status", r => r.Status), ("trigger", r => r.Trigger), ("error", r => r.Error), ("detail", r => r.Detail), ("run_id", r => r.RunId));

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/collectors/runs", async (HttpRequest req, CollectorRunStore store, CollectorRunner runner, CancellationToken ct) =>
        {
            var collector = ApiQuery.Of(req).GetValueOrDefault("collector") ?? "";
            if (runner.Find(collector) is null)
                return ApiQuery.BadRequest([$"'collector' must be one of {string.Join(", ", runner.CollectorNames.Order(StringComparer.Ordinal))}."]);
            return Runs.Respond(req, await store.HistoryAsync(collector, 500, ct));
        }).WithTags("Collectors").WithSummary("A collector's recent runs (collector = ec2-config|cur|cost-explorer|lifecycle). format=csv for CSV.");
    }
}
