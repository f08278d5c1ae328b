namespace Polo.Data.Analysis;

/// <summary>A hierarchy node (customer → cluster → index) with cost in a range and a daily trend.</summary>
public sealed record HierarchyNodeCost(
    string NodeId,
    string NodeType,
    string Name,
    string ParentId,
    decimal Cost,
    decimal PreviousCost,
    int ChildCount,
    IReadOnlyList<CostPoint> Trend)
{
    public decimal Delta => Cost - PreviousCost;
}

/// <summary>The first children of a node by cost (<see cref="Rows"/>, each with its trend) and how many it has in all.</summary>
public sealed record HierarchyChildrenPage(IReadOnlyList<HierarchyNodeCost> Rows, int Total)
{
    public static readonly HierarchyChildrenPage Empty = new([], 0);
}
