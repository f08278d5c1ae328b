namespace Polo.Collection.Inventory;

// Rows written by the inventory; property names map to snake_case columns (see migrations 001, 002, 004).

public sealed record EventRow(
    DateTime EventTime, string EventId, string AccountId, string Region, string ResourceId, string ResourceType,
    string EventType, string Source, string Actor, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Properties);

public sealed record SnapshotRow(
    string ResourceId, string AccountId, string Region, string ResourceType, string Name, string State,
    string Customer, string Cluster, string IndexName, Dictionary<string, string> Tags,
    Dictionary<string, string> Properties, DateTime CreatedAt, DateTime? DeletedAt, byte IsDeleted, DateTime ObservedAt);

public sealed record RelationshipRow(
    string AccountId, string FromId, string Relation, string ToId, DateTime ValidFrom, byte IsDeleted, DateTime ObservedAt);

public sealed record HierarchyNodeRow(
    string NodeId, string NodeType, string Name, string ParentId, Dictionary<string, string> Attributes, DateTime UpdatedAt);

public sealed record AncestryRow(
    string DescendantId, string DescendantType, string AncestorId, string AncestorType, byte Depth, DateTime UpdatedAt);

/// <summary>A resource's current (latest, not deleted) snapshot as stored.</summary>
public sealed record CurrentResource(
    string ResourceId, string ResourceType, string Name, string State, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Tags, Dictionary<string, string> Properties, DateTime CreatedAt, DateTime ObservedAt)
{
    public Identity Identity => new(Customer, Cluster, IndexName);
}

/// <summary>A stored edge that is currently valid.</summary>
public sealed record CurrentEdge(string FromId, string Relation, string ToId, DateTime ValidFrom);
