using Polo.Collection.Configuration;
using Polo.Data.Analysis;
using Polo.Data.Tagging;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Inventory;

/// <summary>Reads a resource's place in the hierarchy from its tags, and names the hierarchy nodes it implies.</summary>
public sealed class HierarchyTags(HierarchyTagOptions keys)
{
    /// <summary>A cluster needs a customer and an index needs a cluster; a tag without its parent is ignored. Keys and
    /// values are resolved by the shared <see cref="TagResolver"/> (the same rule as lifecycle and CUR).</summary>
    public Identity IdentityOf(IReadOnlyDictionary<string, string> tags)
    {
        var customer = TagResolver.Find(tags, keys.Customer).Value;
        if (customer == "") return Identity.None;
        var cluster = TagResolver.Find(tags, keys.Cluster).Value;
        var index = cluster == "" ? "" : TagResolver.Find(tags, keys.Index).Value;
        return new Identity(customer, cluster, index);
    }

    /// <summary>Hierarchy keys that matched more than one tag case-insensitively (e.g. <c>Polo:Customer</c> and
    /// <c>polo:CUSTOMER</c>), described; such a key gives no value.</summary>
    public IEnumerable<string> Collisions(IReadOnlyDictionary<string, string> tags) =>
        new[] { keys.Customer, keys.Cluster, keys.Index }
            .Select(k => (Key: k, Found: TagResolver.Find(tags, k)))
            .Where(x => x.Found.Match == TagMatch.Collision)
            .Select(x => $"tag key '{x.Key}' matches {string.Join(", ", x.Found.Keys.Select(k => $"'{k}'"))} only case-insensitively; none is used");

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
