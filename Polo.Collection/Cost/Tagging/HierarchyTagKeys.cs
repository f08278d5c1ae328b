namespace Polo.Collection.Cost.Tagging;

/// <summary>Tag keys that carry the hierarchy identity of a resource (customer → cluster → index).</summary>
public sealed class HierarchyTagKeys
{
    public string Customer { get; set; } = "polo:customer";
    public string Cluster { get; set; } = "polo:cluster";
    public string Index { get; set; } = "polo:index";
}

/// <summary>Customer / cluster / index of one resource; all empty means "not assigned".</summary>
public sealed record HierarchyIdentity(string Customer, string Cluster, string IndexName)
{
    public static readonly HierarchyIdentity None = new("", "", "");

    public bool IsEmpty => Customer == "" && Cluster == "" && IndexName == "";
}
