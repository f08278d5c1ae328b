using Polo.Data.Analysis.Sql;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>One level of a tree path: node id, type and display name.</summary>
internal sealed record PathStep(string NodeId, string NodeType, string Name);

/// <summary>Where a cost line sits in the delta tree for a grouping: customer → cluster → index, or one flat level.</summary>
internal static class NodePath
{
    private static readonly PathStep UnassignedStep = new(NodeId.Unassigned, "unassigned", "unassigned (no customer)");

    public static IReadOnlyList<PathStep> For(CostLine l, Grouping by) => by switch
    {
        Grouping.Customer => Hierarchy(l, fromLevel: 0),
        Grouping.Cluster => Hierarchy(l, fromLevel: 1),
        Grouping.Index => Hierarchy(l, fromLevel: 2),
        Grouping.Account => [new($"account:{l.AccountId}", "account", l.AccountName == "" ? l.AccountId : l.AccountName)],
        Grouping.AccountRole => [Flat("role", l.AccountRole == "" ? "(no role)" : l.AccountRole, l.AccountRole)],
        Grouping.Service => [Flat("service", l.Service)],
        Grouping.UsageType => [Flat("usage_type", l.UsageType)],
        Grouping.Region => [Flat("region", l.Region)],
        Grouping.ResourceType => [Flat("resource_type", l.ResourceType)],
        Grouping.Resource => [Flat("resource", l.ResourceId)],
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "unknown grouping"),
    };

    private static PathStep Flat(string kind, string name, string? value = null) => new($"{kind}:{value ?? name}", kind, name);

    /// <summary>Customer → cluster → index, starting at <paramref name="fromLevel"/> (0 customer, 1 cluster, 2 index);
    /// a line without the deeper levels stops at the deepest one it has.</summary>
    private static IReadOnlyList<PathStep> Hierarchy(CostLine l, int fromLevel)
    {
        if (l.Customer == "") return [UnassignedStep];
        var full = new List<PathStep> { new(NodeId.Customer(l.Customer), "customer", l.Customer) };
        if (l.Cluster != "")
        {
            full.Add(new(NodeId.Cluster(l.Customer, l.Cluster), "cluster", l.Cluster));
            if (l.IndexName != "") full.Add(new(NodeId.Index(l.Customer, l.Cluster, l.IndexName), "index", l.IndexName));
        }
        var skip = Math.Min(fromLevel, full.Count - 1);
        return full.Skip(skip).ToList();
    }
}
