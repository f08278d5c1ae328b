using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>One level of a tree path: node id, type and display name.</summary>
internal sealed record PathStep(string NodeId, string NodeType, string Name);

/// <summary>Where a cost line sits in the delta tree for a grouping: customer → cluster → index, or one flat level.</summary>
internal static class NodePath
{
    private static readonly PathStep UnassignedStep = new(NodeId.Unassigned, NodeKinds.Unassigned, "unassigned (no customer)");

    public static IReadOnlyList<PathStep> For(CostLine l, Grouping by) => by.Kind switch
    {
        GroupingKind.Customer => Hierarchy(l, fromLevel: 0),
        GroupingKind.Cluster => Hierarchy(l, fromLevel: 1),
        GroupingKind.Index => Hierarchy(l, fromLevel: 2),
        GroupingKind.Account => [new(NodeId.Flat(NodeKinds.Account, l.AccountId), NodeKinds.Account, l.AccountName == "" ? l.AccountId : l.AccountName)],
        GroupingKind.AccountRole => [Flat(NodeKinds.Role, l.AccountRole == "" ? "(no role)" : l.AccountRole, l.AccountRole)],
        GroupingKind.Service => [Flat(NodeKinds.Service, l.Service)],
        GroupingKind.UsageType => [Flat(NodeKinds.UsageType, l.UsageType)],
        GroupingKind.Region => [Flat(NodeKinds.Region, l.Region)],
        GroupingKind.ResourceType => [Flat(NodeKinds.ResourceType, l.ResourceType)],
        GroupingKind.Resource => [Flat(NodeKinds.Resource, l.ResourceId)],
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "unknown grouping"),
    };

    private static PathStep Flat(string kind, string name, string? value = null) => new(NodeId.Flat(kind, value ?? name), kind, name);

    /// <summary>Customer → cluster → index, starting at <paramref name="fromLevel"/> (0 customer, 1 cluster, 2 index);
    /// a line without the deeper levels stops at the deepest one it has.</summary>
    private static IReadOnlyList<PathStep> Hierarchy(CostLine l, int fromLevel)
    {
        if (l.Customer == "") return [UnassignedStep];
        var full = new List<PathStep> { new(NodeId.Customer(l.Customer), NodeKinds.Customer, l.Customer) };
        if (l.Cluster != "")
        {
            full.Add(new(NodeId.Cluster(l.Customer, l.Cluster), NodeKinds.Cluster, l.Cluster));
            if (l.IndexName != "") full.Add(new(NodeId.Index(l.Customer, l.Cluster, l.IndexName), NodeKinds.Index, l.IndexName));
        }
        var skip = Math.Min(fromLevel, full.Count - 1);
        return full.Skip(skip).ToList();
    }
}
