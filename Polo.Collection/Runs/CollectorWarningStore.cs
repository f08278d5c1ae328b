using Polo.Collection.Core;
using Polo.Data;

namespace Polo.Collection.Runs;

/// <summary>One row of <c>collector_warnings</c> (migration 040).</summary>
public sealed record CollectorWarningRow(
    string RunId, string BatchId, string Collector, string AccountId, string Region, string Kind, string ResourceType,
    string ResourceId, string Message, DateTime ObservedAt);

/// <summary>Writes the warnings of a run and reads those of a collector's latest batch.</summary>
public sealed class CollectorWarningStore(IClickHouse ch)
{
    /// <summary>Warnings kept per run at most; the rest are summed up in one line.</summary>
    public const int MaxPerRun = 500;

    public async Task WriteAsync(CollectorRunRow run, IReadOnlyList<CollectorWarning> warnings, CancellationToken ct = default)
    {
        if (warnings.Count == 0) return;
        var rows = warnings.Take(MaxPerRun).Select(w => Row(run, w)).ToList();
        if (warnings.Count > MaxPerRun)
            rows.Add(Row(run, new CollectorWarning("more", "", "", $"{warnings.Count - MaxPerRun:N0} more warnings not stored")));
        await ch.InsertAsync("collector_warnings", rows, ct: ct);
    }

    private static CollectorWarningRow Row(CollectorRunRow run, CollectorWarning w) =>
        new(run.RunId, run.BatchId, run.Collector, run.AccountId, run.Region, w.Kind, w.ResourceType, w.ResourceId,
            w.Message, DateTime.UtcNow);

    /// <summary>The warnings of the collector's most recent batch that has any runs, by account and region.</summary>
    public Task<List<CollectorWarningRow>> LatestBatchAsync(string collector, int limit = 200, CancellationToken ct = default) =>
        ch.QueryAsync<CollectorWarningRow>("""
            SELECT * FROM collector_warnings
            WHERE collector = {collector:String}
              AND batch_id = (SELECT argMax(batch_id, started_at) FROM collector_runs FINAL WHERE collector = {collector:String})
            ORDER BY account_id, region, kind, resource_id
            LIMIT {limit:UInt32}
            """, new QueryParams { ["collector"] = collector, ["limit"] = limit }, ct);
}
