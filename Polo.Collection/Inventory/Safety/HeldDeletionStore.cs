using Polo.Data;

namespace Polo.Collection.Inventory.Safety;

/// <summary>Reads and writes <c>held_deletions</c> (ReplacingMergeTree by updated_at, read with FINAL).</summary>
public sealed class HeldDeletionStore(IClickHouse ch)
{
    public Task WriteAsync(IReadOnlyCollection<HeldDeletionRow> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : ch.InsertAsync("held_deletions", rows, ct: ct);

    /// <summary>The holds of one account, region and set of types (any status).</summary>
    public Task<List<HeldDeletionRow>> ForAsync(string accountId, string region, IReadOnlyCollection<string> types, CancellationToken ct) =>
        ch.QueryAsync<HeldDeletionRow>("""
            SELECT * FROM held_deletions FINAL
            WHERE account_id = {account:String} AND region = {region:String} AND resource_type IN {types:Array(String)}
            """, new QueryParams { ["account"] = accountId, ["region"] = region, ["types"] = types.ToArray() }, ct);

    /// <summary>Holds waiting for an operator or for the next poll (held or confirmed), newest first.</summary>
    public Task<List<HeldDeletionRow>> OpenAsync(CancellationToken ct = default) =>
        ch.QueryAsync<HeldDeletionRow>("""
            SELECT * FROM held_deletions FINAL
            WHERE status IN ('held', 'confirmed')
            ORDER BY held_at DESC
            LIMIT 100
            """, ct: ct);

    public async Task<HeldDeletionRow?> FindAsync(string holdId, CancellationToken ct) =>
        (await ch.QueryAsync<HeldDeletionRow>("SELECT * FROM held_deletions FINAL WHERE hold_id = {id:String}",
            new QueryParams { ["id"] = holdId }, ct)).FirstOrDefault();
}
