using Polo.Collection.Configuration;
using Polo.Data.Analysis;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Inventory;

/// <summary>Reads a resource's place in the hierarchy from its tags, and names the hierarchy nodes it implies.</summary>
public sealed class HierarchyTags(HierarchyTagOptions keys)
{
    /// <summary>A cluster needs a customer and an index needs a cluster; a tag without its parent is ignored.</summary>
    public Identity IdentityOf(IReadOnlyDictionary<string, string> tags)
    {
        var customer = Value(tags, keys.Customer);
        if (customer == "") return Identity.None;
        var cluster = Value(tags, keys.Cluster);
        var index = cluster == "" ? "" : Value(tags, keys.Index);
        return new Identity(customer, cluster, index);
    }

    private static string Value(IReadOnlyDictionary<string, string> tags, string key) =>
        tags.TryGetValue(key, out var v) ? Clean(v) : "";

    /// <summary>'/' separates the parts of a node id, so it cannot appear inside one part.</summary>
    private static string Clean(string value) => value.Trim().Replace('/', '-');

    /// <summary>The chain of ancestors, nearest first: index, cluster, customer (as present).</summary>
    public static List<(string Id, string Type, string Name, string Parent)> Chain(Identity identity)
    {
        var chain = new List<(string, string, string, string)>();
        if (identity.Customer == "") return chain;
        var customer = NodeId.Customer(identity.Customer);
        if (identity.Cluster != "")
        {
            var cluster = NodeId.Cluster(identity.Customer, identity.Cluster);
            if (identity.IndexName != "")
                chain.Add((NodeId.Index(identity.Customer, identity.Cluster, identity.IndexName), NodeKinds.Index, identity.IndexName, cluster));
            chain.Add((cluster, NodeKinds.Cluster, identity.Cluster, customer));
        }
        chain.Add((customer, NodeKinds.Customer, identity.Customer, ""));
        return chain;
    }
}
