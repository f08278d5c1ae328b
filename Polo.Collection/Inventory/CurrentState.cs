namespace Polo.Collection.Inventory;

// The rows the inventory writes are Polo.Data.Rows; these are its reads of what is stored.

/// <summary>A resource's current (latest, not deleted) snapshot as stored.</summary>
public sealed record CurrentResource(
    string ResourceId, string ResourceType, string Name, string State, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Tags, Dictionary<string, string> Properties, DateTime CreatedAt, DateTime ObservedAt)
{
    public Identity Identity => new(Customer, Cluster, IndexName);
}

/// <summary>A stored edge that is currently valid.</summary>
public sealed record CurrentEdge(string FromId, string Relation, string ToId, DateTime ValidFrom);
