namespace Polo.Collection.Inventory;

/// <summary>An edge from an observed resource to another resource.</summary>
public sealed record ObservedEdge(string Relation, string ToId);

/// <summary>One resource as seen in AWS now.</summary>
public sealed record ObservedResource(
    string ResourceId,
    string ResourceType,
    string Name,
    string State,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Properties,
    DateTime? CreatedAt,
    IReadOnlyList<ObservedEdge> Edges);

/// <summary>Where a resource sits in the customer → cluster → index hierarchy ("" where it has no such tag).</summary>
public sealed record Identity(string Customer, string Cluster, string IndexName)
{
    public static readonly Identity None = new("", "", "");
}
