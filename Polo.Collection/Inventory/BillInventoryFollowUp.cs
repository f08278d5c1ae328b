using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Data;
using Polo.Data.Changes;
using Polo.Data.Inventory;

namespace Polo.Collection.Inventory;

/// <summary>After each CUR run: every resource id in the bill joins the inventory and the hierarchy
/// (<see cref="BillInventory"/>), with the configured hierarchy tag keys.</summary>
public sealed class BillInventoryFollowUp(IClickHouse ch, HierarchyTagOptions keys, DataChangeNotifier? notifier = null)
    : ICollectorFollowUp
{
    public const string FollowedCollector = "cur";

    public bool Follows(string collector) => string.Equals(collector, FollowedCollector, StringComparison.OrdinalIgnoreCase);

    public async Task<CollectorOutcome> RunAsync(CancellationToken ct)
    {
        var result = await new BillInventory(ch, notifier)
            .RefreshAsync(new BillTagKeys(keys.Customer, keys.Cluster, keys.Index), ct).ConfigureAwait(false);
        return new CollectorOutcome(result.Rows, result.ToString());
    }
}
