using Polo.Collection.Aws;
using Polo.Collection.Core;
using Polo.Collection.Inventory;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Ec2;

/// <summary>
/// "ec2-config": reads an account and region's EC2 estate, compares it with the stored snapshots and writes what
/// changed — lifecycle events, new snapshots, relationships and the hierarchy closure. Nothing changed, nothing written.
/// </summary>
public sealed class Ec2ConfigCollector(AwsClientFactory clients, InventoryStore store, HierarchyTags hierarchy,
    DataChangeNotifier? notifier = null) : ICollector
{
    public const string CollectorName = "ec2-config";

    public string Name => CollectorName;

    public bool PerAccount => true;

    public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
    {
        List<ObservedResource> observed;
        using (var ec2 = clients.Ec2(scope.Credentials, scope.Region))
            observed = await new Ec2Inventory(ec2).ReadAsync(ct);

        var current = await store.CurrentAsync(scope.AccountId, scope.Region, ResourceTypes.Ec2, ct);
        var ids = observed.Select(o => o.ResourceId).Union(current.Select(c => c.ResourceId)).ToList();
        var edges = await store.EdgesFromAsync(scope.AccountId, ids, ct);

        var now = DateTime.UtcNow;
        var diff = new ResourceDiff(scope.AccountId, scope.Region, "ec2", hierarchy).Compare(observed, current, edges, now);
        var rows = await store.WriteAsync(diff, now, ct);
        if (rows > 0) notifier?.Publish(DataKinds.Inventory | DataKinds.Events | DataKinds.Hierarchy, rows);
        return new CollectorOutcome(rows,
            $"{observed.Count} resources seen; {diff.Events.Count} events, {diff.Snapshots.Count} snapshots");
    }
}
