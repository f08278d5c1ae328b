using Polo.Data;

namespace Polo.Collection.Lifecycle;

/// <summary>The latest known state of a resource, from resource_snapshots.</summary>
public sealed record KnownResource(
    string ResourceId, string ResourceType, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Tags, Dictionary<string, string> Properties);

/// <summary>Looks up the current identity of resources (resource_snapshots FINAL) when an event carries no tags.</summary>
public sealed class ResourceIdentityLookup(IClickHouse ch)
{
    public async Task<Dictionary<string, KnownResource>> FindAsync(IReadOnlyCollection<string> resourceIds, CancellationToken ct)
    {
        if (resourceIds.Count == 0) return new();
        var rows = await ch.QueryAsync<KnownResource>("""
            SELECT resource_id,
                   toString(argMax(resource_type, observed_at)) AS resource_type,
                   toString(argMax(customer, observed_at)) AS customer,
                   argMax(cluster, observed_at) AS cluster,
                   argMax(index_name, observed_at) AS index_name,
                   argMax(tags, observed_at) AS tags,
                   argMax(properties, observed_at) AS properties
            FROM resource_snapshots FINAL
            WHERE resource_id IN (SELECT arrayJoin({ids:Array(String)}))
            GROUP BY resource_id
            """, new QueryParams { ["ids"] = resourceIds.ToArray() }, ct);
        return rows.ToDictionary(r => r.ResourceId);
    }
}
