using Polo.Collection.Aws;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Collection.Ec2.Responses;
using Polo.Collection.Inventory;
using Polo.Collection.Inventory.Safety;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Ec2;

/// <summary>
/// "ec2-config": reads an account and region's EC2 estate, compares it with the stored snapshots and writes what
/// changed — lifecycle events, new snapshots, relationships and the hierarchy closure. Nothing changed, nothing written.
/// <para>Never deletes on doubt: only types whose listing completed are compared; a resource that was seen but could
/// not be read is left as it is; and the <see cref="DeletionValve"/> holds back a poll that would delete too much.
/// When one listing failed, the others still land and the run fails naming the failed call.</para>
/// </summary>
public sealed class Ec2ConfigCollector(AwsClientFactory clients, InventoryStore store, HierarchyTags hierarchy,
    CollectionSafetyOptions? limits = null, HeldDeletionStore? holds = null, DataChangeNotifier? notifier = null) : ICollector
{
    public const string CollectorName = "ec2-config";

    private readonly CollectionSafetyOptions _limits = limits ?? new CollectionSafetyOptions();

    public string Name => CollectorName;

    public bool PerAccount => true;

    public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
    {
        var warnings = new WarningSink();
        var guard = new Ec2CallGuard(_limits, warnings);
        Ec2Listing listing;
        using (var ec2 = clients.Ec2(scope.Credentials, scope.Region, guard))
            listing = await new Ec2Inventory(ec2, warnings, _limits).ReadAsync(ct);
        listing.SkippedIds.UnionWith(guard.SkippedIds);

        var types = ResourceTypes.Ec2.Where(listing.CompleteTypes.Contains).ToList();
        var observed = listing.Resources.Where(r => listing.CompleteTypes.Contains(r.ResourceType)).ToList();
        var stored = types.Count == 0 ? [] : await store.CurrentAsync(scope.AccountId, scope.Region, types, ct);
        // Seen but unreadable: neither changed nor deleted.
        IReadOnlyCollection<CurrentResource> current = stored.Where(c => !listing.SkippedIds.Contains(c.ResourceId)).ToList();
        var now = DateTime.UtcNow;
        if (holds != null)
            current = await new DeletionValve(holds, _limits).FilterAsync(scope.AccountId, scope.Region, current,
                observed.Select(o => o.ResourceId).ToHashSet(StringComparer.Ordinal), warnings, now, ct);

        foreach (var o in observed)
            foreach (var collision in hierarchy.Collisions(o.Tags))
                warnings.Add(WarningKinds.TagKeyCollision, o.ResourceType, o.ResourceId, $"{o.ResourceId}: {collision}");

        var ids = observed.Select(o => o.ResourceId).Union(current.Select(c => c.ResourceId)).ToList();
        var edges = await store.EdgesFromAsync(scope.AccountId, ids, ct);
        var diff = new ResourceDiff(scope.AccountId, scope.Region, "ec2", hierarchy).Compare(observed, current, edges, now);
        var rows = await store.WriteAsync(diff, now, ct);
        if (rows > 0) notifier?.Publish(DataKinds.Inventory | DataKinds.Events | DataKinds.Hierarchy, rows);
        var outcome = new CollectorOutcome(rows,
            $"{observed.Count} resources seen; {diff.Events.Count} events, {diff.Snapshots.Count} snapshots"
            + (warnings.Items.Count > 0 ? $"; {warnings.Items.Count} warning(s)" : ""), warnings.Items);
        if (listing.FailedTypes.Count > 0)
            throw new PartialCollectionException(
                string.Join(" ", listing.FailedTypes.Values.Distinct()) +
                $" The other resource types landed ({rows} rows); {string.Join(", ", listing.FailedTypes.Keys)} were left as they were.",
                outcome);
        return outcome;
    }
}
