using Polo.Data;

namespace Polo.Collection.Cost.Ledger;

/// <summary>
/// Writes source data into the cost_hourly ledger as differences. A source (one CUR file, one Cost Explorer answer)
/// is first staged whole under a batch id; then, for the keys (hour, account, service, usage type, resource) it
/// contains, the ledger's current holdings for that source are subtracted from the new values and only the
/// non-zero differences are appended. Re-applying the same data writes nothing; a restatement writes exactly the
/// deltas, so sum(cost) over any dimension equals the latest source. Identity columns (customer/cluster/index,
/// resource type) missing from the source are filled from resource_snapshots.
/// </summary>
public sealed class CostLedger(IClickHouse ch)
{
    public const string Table = "cost_hourly";
    private const string Staging = "cost_ingest_staging";

    public static string NewBatchId(string source) => $"{source}:{Guid.NewGuid():N}";

    public async Task StageAsync(string batchId, IReadOnlyCollection<CostLine> lines, CancellationToken ct)
    {
        if (lines.Count == 0) return;
        await ch.InsertAsync(Staging, lines.Select(l => StagedCostRow.Of(batchId, l)), ct: ct);
    }

    public Task DiscardAsync(string batchId, CancellationToken ct) =>
        ch.ExecuteAsync($"DELETE FROM {Staging} WHERE batch_id = {{batch:String}}", new QueryParams { ["batch"] = batchId }, ct);

    /// <summary>
    /// Appends the difference between the staged batch and the ledger's holdings for <paramref name="source"/>,
    /// returning the rows written. With <paramref name="yieldToSource"/>, staged lines for a (day, account) that
    /// source already covers are treated as zero, which also reverses what this source wrote there earlier.
    /// The staged batch is discarded afterwards.
    /// </summary>
    public async Task<long> ApplyDifferenceAsync(string batchId, string source, string? yieldToSource, CancellationToken ct)
    {
        var diffBatch = batchId + ":diff";
        var p = new QueryParams { ["batch"] = batchId, ["diff"] = diffBatch, ["source"] = source, ["yield"] = yieldToSource ?? "" };
        try
        {
            await ch.ExecuteAsync(yieldToSource is null ? DifferenceSql(NoYield) : DifferenceSql(Yield), p, ct);
            return await CommitAsync(diffBatch, source, ct);
        }
        finally
        {
            await DiscardAsync(batchId, CancellationToken.None);
            await DiscardAsync(diffBatch, CancellationToken.None);
        }
    }

    /// <summary>
    /// Reverses what <paramref name="source"/> holds for any (day, account) that <paramref name="coveredBy"/> now
    /// covers (e.g. Cost Explorer estimates once CUR has the day), returning the rows written.
    /// </summary>
    public async Task<long> RetireCoveredAsync(string source, string coveredBy, CancellationToken ct)
    {
        // Most estates hold no Cost Explorer estimates once they read CUR: a look at the source column alone (~10 ms)
        // spares the scan of every covering line's day and account (~120 ms wall per 5M CUR lines).
        if (!await HoldsAnyAsync(source, ct)) return 0;
        var diffBatch = NewBatchId(source) + ":retire";
        try
        {
            await ch.ExecuteAsync($$"""
                INSERT INTO {{Staging}} (batch_id, hour, account_id, region, service, usage_type, resource_id, resource_type,
                                       customer, cluster, index_name, billed_tags, cost, usage_amount)
                SELECT {diff:String}, hour, toString(account_id), toString(region), toString(service), toString(usage_type),
                       resource_id, toString(resource_type), toString(customer), cluster, index_name, billed_tags,
                       -sum(toDecimal128(cost, 10)) AS c, -sum(usage_amount) AS u
                FROM {{Table}}
                WHERE source = {source:String}
                  AND (toDate(hour), account_id) IN (SELECT DISTINCT toDate(hour), account_id FROM {{Table}} WHERE source = {covered:String})
                GROUP BY hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name, billed_tags
                HAVING c != 0 OR abs(u) > 1e-9 * greatest(1.0, max(abs(usage_amount)))
                """, new QueryParams { ["diff"] = diffBatch, ["source"] = source, ["covered"] = coveredBy }, ct);
            return await CommitAsync(diffBatch, source, ct);
        }
        finally
        {
            await DiscardAsync(diffBatch, CancellationToken.None);
        }
    }

    private async Task<bool> HoldsAnyAsync(string source, CancellationToken ct) =>
        await ch.ScalarAsync<long>($"SELECT count() FROM (SELECT 1 FROM {Table} WHERE source = {{source:String}} LIMIT 1)",
            new QueryParams { ["source"] = source }, ct) > 0;

    private async Task<long> CommitAsync(string diffBatch, string source, CancellationToken ct)
    {
        var p = new QueryParams { ["diff"] = diffBatch, ["source"] = source };
        var rows = await ch.ScalarAsync<long>($"SELECT count() FROM {Staging} WHERE batch_id = {{diff:String}}", p, ct);
        if (rows == 0) return 0;
        await ch.ExecuteAsync($$"""
            INSERT INTO {{Table}} (hour, account_id, region, service, usage_type, resource_id, resource_type,
                                 customer, cluster, index_name, billed_tags, cost, usage_amount, source)
            SELECT hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
                   billed_tags, CAST(cost AS Decimal(18, 6)), usage_amount, {source:String}
            FROM {{Staging}}
            WHERE batch_id = {diff:String}
            """, p, ct);
        return rows;
    }

    private const string NoYield = "";

    /// <summary>Keeps staged lines only where the yielded-to source holds nothing for that day and account.</summary>
    private const string Yield = $$"""
        AND (toDate(hour), account_id) NOT IN (
            SELECT DISTINCT toDate(hour), toString(account_id) FROM {{Table}}
            WHERE source = {yield:String}
              AND toDate(hour) IN (SELECT DISTINCT toDate(hour) FROM {{Staging}} WHERE batch_id = {batch:String}))
        """;

    private static string DifferenceSql(string yieldFilter) => $$"""
        INSERT INTO {{Staging}} (batch_id, hour, account_id, region, service, usage_type, resource_id, resource_type,
                               customer, cluster, index_name, billed_tags, cost, usage_amount)
        SELECT {diff:String}, hour, account_id, region, service, usage_type, resource_id, resource_type,
               customer, cluster, index_name, billed_tags, sum(c) AS cost_sum, sum(u) AS usage_sum
        FROM
        (
            SELECT n.hour AS hour, n.account_id AS account_id, n.region AS region, n.service AS service,
                   n.usage_type AS usage_type, n.resource_id AS resource_id,
                   if(n.resource_type != '', n.resource_type, s.resource_type) AS resource_type,
                   if(n.customer = '' AND n.cluster = '' AND n.index_name = '', s.customer, n.customer) AS customer,
                   if(n.customer = '' AND n.cluster = '' AND n.index_name = '', s.cluster, n.cluster) AS cluster,
                   if(n.customer = '' AND n.cluster = '' AND n.index_name = '', s.index_name, n.index_name) AS index_name,
                   n.billed_tags AS billed_tags, round(n.c, 6) AS c, n.u AS u
            FROM
            (
                SELECT hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
                       billed_tags, sum(cost) AS c, sum(usage_amount) AS u
                FROM {{Staging}}
                WHERE batch_id = {batch:String} {{yieldFilter}}
                GROUP BY hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name, billed_tags
            ) AS n
            LEFT JOIN
            (
                SELECT resource_id,
                       toString(argMax(resource_type, observed_at)) AS resource_type,
                       toString(argMax(customer, observed_at)) AS customer,
                       argMax(cluster, observed_at) AS cluster,
                       argMax(index_name, observed_at) AS index_name
                FROM resource_snapshots FINAL
                WHERE resource_id IN (SELECT resource_id FROM {{Staging}} WHERE batch_id = {batch:String} AND resource_id != '')
                GROUP BY resource_id
            ) AS s ON s.resource_id = n.resource_id
            UNION ALL
            SELECT hour, toString(account_id), toString(region), toString(service), toString(usage_type), resource_id,
                   toString(resource_type), toString(customer), cluster, index_name, billed_tags,
                   -toDecimal128(cost, 10), -usage_amount
            FROM {{Table}}
            WHERE source = {source:String}
              AND hour >= (SELECT min(hour) FROM {{Staging}} WHERE batch_id = {batch:String})
              AND hour <= (SELECT max(hour) FROM {{Staging}} WHERE batch_id = {batch:String})
              AND (hour, account_id, service, usage_type, resource_id, billed_tags) IN
                  (SELECT hour, account_id, service, usage_type, resource_id, billed_tags FROM {{Staging}} WHERE batch_id = {batch:String})
        )
        GROUP BY hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name, billed_tags
        HAVING cost_sum != 0 OR abs(usage_sum) > 1e-9 * greatest(1.0, max(abs(u)))
        """;
}
