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
