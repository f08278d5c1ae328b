using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Data.Inventory;

/// <summary>What one bill refresh wrote.</summary>
public sealed record BillRefreshResult(long BillingRows, long Snapshots, long HierarchyNodes)
{
    public long Rows => BillingRows + Snapshots + HierarchyNodes;

    public override string ToString() =>
        $"bill inventory: {BillingRows} billed resources updated, {Snapshots} bill-only rows written, {HierarchyNodes} hierarchy nodes added";
}

/// <summary>
/// Makes every resource id in the bill first-class, in SQL over cost_hourly (the engine does the work):
/// <list type="number">
/// <item><c>resource_billing</c>: per account and resource id, its type (read from the id or ARN), name, region,
/// service, tags as billed, place in the hierarchy and first and last billed hour — recomputed only for resources
/// with ledger rows ingested since the last refresh, and written only where something changed.</item>
/// <item><c>resource_snapshots</c> rows owned by the bill (<see cref="InventoryOwner.Bill"/>) for every billed resource
/// no resource API has seen: state <c>billed</c>, or <c>no longer billed</c> (deleted at the hour after the last billed
/// one) once its last billed hour is more than a day before its account's last billed hour.</item>
/// <item>The hierarchy: nodes (and their closure rows) for every customer / cluster / index the bill names, from the
/// ledger's stamped columns or, where those are empty, from the configured tag keys in the billed tags; closure rows
/// for the bill-only resources.</item>
/// </list>
/// Idempotent: a second refresh over the same ledger writes nothing. Called after each CUR run.
/// </summary>
public sealed class BillInventory(IClickHouse ch, DataChangeNotifier? notifier = null)
{

    /// <summary>Stopped being billed: the last billed hour is more than this before the account's last billed hour.</summary>
    public static readonly TimeSpan StoppedAfter = TimeSpan.FromDays(1);

    public async Task<BillRefreshResult> RefreshAsync(BillTagKeys keys, CancellationToken ct = default)
    {
        var run = await ch.ScalarAsync<DateTime>("SELECT now64(3)", ct: ct).ConfigureAwait(false);
        var since = await ch.ScalarAsync<DateTime?>(
            "SELECT if(count() = 0, NULL, max(refreshed_at)) FROM resource_billing", ct: ct).ConfigureAwait(false);
        var p = new QueryParams
        {
            ["run"] = run,
            ["since"] = since ?? DateTime.UnixEpoch,
            ["stopped_h"] = (long)StoppedAfter.TotalHours,
        };

        var billing = await CountWrittenAsync("resource_billing", BillInventorySql.Billing(keys), p, ct).ConfigureAwait(false);
        var snapshots = await CountWrittenAsync("resource_snapshots", BillInventorySql.Snapshots, p, ct).ConfigureAwait(false);
        if (snapshots > 0)
        {
            await ch.ExecuteAsync(BillInventorySql.DropResourceClosure, p, ct).ConfigureAwait(false);
            await ch.ExecuteAsync(BillInventorySql.ResourceClosure, p, ct).ConfigureAwait(false);
        }
        await ch.ExecuteAsync(BillInventorySql.NodeClosure, p, ct).ConfigureAwait(false);
        var nodes = await CountWrittenAsync("hierarchy_nodes", BillInventorySql.Nodes, p, ct).ConfigureAwait(false);

        var result = new BillRefreshResult(billing, snapshots, nodes);
        if (result.Rows > 0) notifier?.Publish(DataKinds.Inventory | DataKinds.Hierarchy, result.Rows);
        return result;
    }

    /// <summary>Runs an INSERT … SELECT whose rows carry <c>{run}</c> and returns how many it wrote.</summary>
    private async Task<long> CountWrittenAsync(string table, string insert, QueryParams p, CancellationToken ct)
    {
        await ch.ExecuteAsync(insert, p, ct).ConfigureAwait(false);
        var column = table switch
        {
            "resource_billing" => "refreshed_at",
            "resource_snapshots" => "observed_at",
            _ => "updated_at",
        };
        return await ch.ScalarAsync<long>($"SELECT count() FROM {table} WHERE {column} = {{run:DateTime64(3)}}", p, ct)
            .ConfigureAwait(false);
    }
}
