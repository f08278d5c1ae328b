using Polo.Data;

namespace Polo.Collection.Runs;

/// <summary>Writes and reads <c>collector_runs</c>: latest run per collector and per account, and recent history.</summary>
public sealed class CollectorRunStore(IClickHouse ch)
{
    /// <summary>The warnings the runs recorded (skipped resources, truncated tags, held deletions…).</summary>
    public CollectorWarningStore Warnings { get; } = new(ch);

    public async Task WriteAsync(CollectorRunRow row, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await ch.InsertAsync("collector_runs", [row], ct: ct).ConfigureAwait(false);
        if (row.FinishedAt is not null) Polo.Data.Telemetry.PoloTelemetry.CollectorRunFinished(row.Collector, row.Status, row.RowsWritten);
    }

    /// <summary>The latest batch of every collector that has run.</summary>
    public Task<List<CollectorBatchSummary>> LatestBatchesAsync(CancellationToken ct = default) =>
        ch.QueryAsync<CollectorBatchSummary>("""
            SELECT collector,
                   batch_id,
                   any(trigger) AS trigger,
                   min(started_at) AS batch_started,
                   if(countIf(status = 'running') > 0, NULL, max(finished_at)) AS batch_finished,
                   sum(rows_written) AS batch_rows,
                   count() AS units,
                   countIf(status = 'failed') AS failed_units,
                   countIf(status = 'running') AS running_units,
                   anyIf(error, error != '') AS first_error,
                   anyIf(detail, detail != '') AS first_detail
            FROM collector_runs FINAL
            GROUP BY collector, batch_id
            ORDER BY batch_started DESC
            LIMIT 1 BY collector
            """, ct: ct);

    /// <summary>The latest run of a collector for each account and region.</summary>
    public Task<List<CollectorRunRow>> LatestPerAccountAsync(string collector, CancellationToken ct = default) =>
        ch.QueryAsync<CollectorRunRow>("""
            SELECT * FROM collector_runs FINAL
            WHERE collector = {collector:String}
            ORDER BY started_at DESC, updated_at DESC
            LIMIT 1 BY account_id, region
            """, new QueryParams { ["collector"] = collector }, ct);

    /// <summary>The most recent runs of a collector (every account and region), newest first.</summary>
    public Task<List<CollectorRunRow>> HistoryAsync(string collector, int limit = 50, CancellationToken ct = default) =>
        ch.QueryAsync<CollectorRunRow>("""
            SELECT * FROM collector_runs FINAL
            WHERE collector = {collector:String}
            ORDER BY started_at DESC, updated_at DESC
            LIMIT {limit:UInt32}
            """, new QueryParams { ["collector"] = collector, ["limit"] = limit }, ct);

    /// <summary>All runs of one batch.</summary>
    public Task<List<CollectorRunRow>> BatchAsync(string batchId, CancellationToken ct = default) =>
        ch.QueryAsync<CollectorRunRow>("""
            SELECT * FROM collector_runs FINAL
            WHERE batch_id = {batch:String}
            ORDER BY account_id, region
            """, new QueryParams { ["batch"] = batchId }, ct);
}
