using Polo.Collection.Core;
using Polo.Data;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Inventory;

/// <summary>
/// Reads the stored state of one account and region and writes a <see cref="DiffResult"/>: events (skipping ids
/// already stored, so a retried write adds nothing), edges, hierarchy nodes and closure rows, and snapshots last —
/// a snapshot is what marks a change as recorded.
/// </summary>
/// <remarks>Id lists are matched as <c>IN (SELECT arrayJoin({ids:Array(String)}))</c>, a hash set: the engine matches the
/// array-literal form <c>IN {ids:Array(String)}</c> far slower as the list grows (an account with thousands of
/// resources; see DeltaInputs).</remarks>
public sealed class InventoryStore(IClickHouse ch)
{
    /// <summary>The current rows this poll owns: never a bill-only resource (<see cref="InventoryOwner"/>), so a
    /// resource known only from the bill is never diffed into a <c>deleted</c> event.</summary>
    public Task<List<CurrentResource>> CurrentAsync(string accountId, string region, IReadOnlyCollection<string> types,
        CancellationToken ct) =>
        ch.QueryAsync<CurrentResource>("""
            SELECT resource_id, resource_type, name, state, customer, cluster, index_name, tags, properties, created_at, observed_at
            FROM resource_snapshots FINAL
            WHERE account_id = {account:String} AND region = {region:String} AND is_deleted = 0
              AND resource_type IN {types:Array(String)} AND owner = {owner:String}
            """, new QueryParams
        {
            ["account"] = accountId, ["region"] = region, ["types"] = types.ToArray(), ["owner"] = InventoryOwner.Inventory,
        }, ct);

    public async Task<List<CurrentEdge>> EdgesFromAsync(string accountId, IReadOnlyCollection<string> fromIds, CancellationToken ct)
    {
        if (fromIds.Count == 0) return [];
        return await ch.QueryAsync<CurrentEdge>("""
            SELECT from_id, relation, to_id, valid_from
            FROM resource_relationships FINAL
            WHERE account_id = {account:String} AND is_deleted = 0 AND from_id IN (SELECT arrayJoin({ids:Array(String)}))
            """, new QueryParams { ["account"] = accountId, ["ids"] = fromIds.ToArray() }, ct);
    }

    /// <summary>Writes the diff and returns how many rows were written.</summary>
    public async Task<long> WriteAsync(DiffResult diff, DateTime now, CancellationToken ct)
    {
        long rows = 0;
        var events = await NewEventsAsync(diff.Events, ct);
        if (events.Count > 0) rows += await ch.InsertAsync("resource_events", events, ct: ct);
        if (diff.Relationships.Count > 0) rows += await ch.InsertAsync("resource_relationships", diff.Relationships, ct: ct);
        rows += await WriteHierarchyAsync(diff, now, ct);
        if (diff.Snapshots.Count > 0) rows += await ch.InsertAsync("resource_snapshots", diff.Snapshots, ct: ct);
        return rows;
    }

    private async Task<List<EventRow>> NewEventsAsync(List<EventRow> events, CancellationToken ct)
    {
        var held = await HeldEvents.IdsAsync(ch, events.Select(e => (e.AccountId, e.ResourceId, e.EventId)).ToList(), ct);
        return events.Where(e => held.Add(e.EventId)).ToList();
    }

    private sealed record StoredId(string Id);

    /// <summary>Hierarchy nodes that do not exist yet, and the closure rows of every resource whose place is new or
    /// changed (its old rows are removed first, so a re-tagged resource moves rather than appearing twice).</summary>
    private async Task<long> WriteHierarchyAsync(DiffResult diff, DateTime now, CancellationToken ct)
    {
        if (diff.Placements.Count == 0) return 0;
        long rows = 0;

        var chains = diff.Placements.Select(p => (p, Chain: HierarchyTags.Chain(p.Identity))).ToList();
        var wanted = chains.SelectMany(c => c.Chain).DistinctBy(n => n.Id).ToList();
        if (wanted.Count > 0)
        {
            var existing = (await ch.QueryAsync<StoredId>(
                    "SELECT DISTINCT node_id AS id FROM hierarchy_nodes FINAL WHERE node_id IN (SELECT arrayJoin({ids:Array(String)}))",
                    new QueryParams { ["ids"] = wanted.Select(n => n.Id).ToArray() }, ct))
                .Select(s => s.Id).ToHashSet();
            var missing = wanted.Where(n => !existing.Contains(n.Id)).ToList();
            if (missing.Count > 0)
            {
                rows += await ch.InsertAsync("hierarchy_nodes",
                    missing.Select(n => new HierarchyNodeRow(n.Id, n.Type, n.Name, n.Parent, new(), now)), ct: ct);
                var nodeClosure = new List<AncestryRow>();
                foreach (var n in missing)
                {
                    var chain = HierarchyTags.Chain(IdentityOfNode(n.Id));
                    for (var d = 0; d < chain.Count; d++)
                        nodeClosure.Add(new AncestryRow(n.Id, n.Type, chain[d].Id, chain[d].Type, (byte)d, now));
                }
                rows += await ch.InsertAsync("resource_ancestry", nodeClosure, ct: ct);
            }
        }

        var moved = diff.Placements.Where(p => p.Existed).Select(p => p.ResourceId).ToArray();
        if (moved.Length > 0)
            await ch.ExecuteAsync("DELETE FROM resource_ancestry WHERE descendant_id IN (SELECT arrayJoin({ids:Array(String)}))",
                new QueryParams { ["ids"] = moved }, ct);

        var closure = new List<AncestryRow>();
        foreach (var (p, chain) in chains.Where(c => c.Chain.Count > 0))
        {
            closure.Add(new AncestryRow(p.ResourceId, p.ResourceType, p.ResourceId, p.ResourceType, 0, now));
            for (var d = 0; d < chain.Count; d++)
                closure.Add(new AncestryRow(p.ResourceId, p.ResourceType, chain[d].Id, chain[d].Type, (byte)(d + 1), now));
        }
        if (closure.Count > 0) rows += await ch.InsertAsync("resource_ancestry", closure, ct: ct);
        return rows;
    }

    private static Identity IdentityOfNode(string nodeId)
    {
        var parts = nodeId[(nodeId.IndexOf(':') + 1)..].Split('/');
        return new Identity(parts[0], parts.Length > 1 ? parts[1] : "", parts.Length > 2 ? parts[2] : "");
    }
}
