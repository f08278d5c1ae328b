namespace Polo.Data.Rows;

// Property names map to snake_case columns through ClickHouseJson (migration 004).

/// <summary>A row of hierarchy_nodes.</summary>
public sealed record HierarchyNodeRow(
    string NodeId, string NodeType, string Name, string ParentId, Dictionary<string, string> Attributes, DateTime UpdatedAt);

/// <summary>A row of resource_ancestry.</summary>
public sealed record AncestryRow(
    string DescendantId, string DescendantType, string AncestorId, string AncestorType, byte Depth, DateTime UpdatedAt);
