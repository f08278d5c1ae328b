using Polo.Data;
using Polo.Data.Rows;

namespace Polo.Testing;

/// <summary>
/// Collects small hand-built estates (flat hourly cost streams, events, snapshots) and writes them to the engine.
/// Every expected figure in the tests is worked out by hand from the rates given here.
/// </summary>
public sealed class FixtureWriter
{
    public List<BillLine> Costs { get; } = new();
    public List<EventRow> Events { get; } = new();
    public List<SnapshotRow> Snapshots { get; } = new();
    public List<AccountMetadataRow> Accounts { get; } = new();
    public List<HierarchyNodeRow> Nodes { get; } = new();
    public List<RelationshipRow> Relationships { get; } = new();

    /// <summary>True when nothing was added.</summary>
    public bool IsEmpty => Costs.Count + Events.Count + Snapshots.Count + Accounts.Count + Nodes.Count + Relationships.Count == 0;

    /// <summary>One cost row per hour in [from, to) at a flat hourly cost and usage (line item type Usage, pricing unit
    /// from the usage type).</summary>
    public FixtureWriter Cost(string resourceId, string resourceType, Place p, string service, string usageType,
        DateTime from, DateTime to, decimal perHour, double usagePerHour = 1)
    {
        for (var h = from; h < to; h = h.AddHours(1))
            Costs.Add(new BillLine(h, p.AccountId, p.Region, service, usageType, resourceId, resourceType, p.Customer,
                p.Cluster, p.IndexName, perHour, usagePerHour, "test", PricingUnit: BillLine.UnitOf(usageType)));
        return this;
    }

    public FixtureWriter Event(string resourceId, string resourceType, Place p, DateTime at, string type,
        params (string Key, string Value)[] props)
    {
        Events.Add(new EventRow(at, $"{resourceId}-{type}-{at:yyyyMMddHHmm}", p.AccountId, p.Region, resourceId, resourceType,
            type, "test", "tester", p.Customer, p.Cluster, p.IndexName, props.ToDictionary(x => x.Key, x => x.Value)));
        return this;
    }

    public FixtureWriter Snapshot(string resourceId, string resourceType, Place p, string name, string state,
        DateTime created, DateTime? deleted = null, Dictionary<string, string>? tags = null, Dictionary<string, string>? props = null)
    {
        Snapshots.Add(new SnapshotRow(resourceId, p.AccountId, p.Region, resourceType, name, state, p.Customer, p.Cluster,
            p.IndexName, tags ?? new(), props ?? new(), created, deleted, (byte)(deleted.HasValue ? 1 : 0),
            new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
        return this;
    }

    public FixtureWriter Account(string id, string name, string role)
    {
        Accounts.Add(new AccountMetadataRow(id, name, role, "prod", "owner"));
        return this;
    }

    public FixtureWriter Node(string nodeId, string type, string name, string parent)
    {
        Nodes.Add(new HierarchyNodeRow(nodeId, type, name, parent, new(), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
        return this;
    }

    public async Task WriteAsync(IClickHouse ch)
    {
        if (Costs.Count > 0) await ch.InsertAsync("cost_hourly", Costs);
        if (Events.Count > 0) await ch.InsertAsync("resource_events", Events);
        if (Snapshots.Count > 0) await ch.InsertAsync("resource_snapshots", Snapshots);
        if (Accounts.Count > 0) await ch.InsertAsync("account_metadata", Accounts);
        if (Nodes.Count > 0) await ch.InsertAsync("hierarchy_nodes", Nodes);
        if (Relationships.Count > 0) await ch.InsertAsync("resource_relationships", Relationships);
        await ch.ExecuteAsync("SYSTEM RELOAD DICTIONARIES");
    }
}
