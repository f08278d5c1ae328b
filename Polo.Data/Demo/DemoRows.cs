namespace Polo.Data.Demo;

// Rows the generator writes; property names map to snake_case column names.

internal sealed record EventRow(
    DateTime EventTime, string EventId, string AccountId, string Region, string ResourceId, string ResourceType,
    string EventType, string Source, string Actor, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Properties);

internal sealed record SnapshotRow(
    string ResourceId, string AccountId, string Region, string ResourceType, string Name, string State,
    string Customer, string Cluster, string IndexName, Dictionary<string, string> Tags,
    Dictionary<string, string> Properties, DateTime CreatedAt, DateTime? DeletedAt, byte IsDeleted, DateTime ObservedAt);

internal sealed record SegmentRow(
    string ResourceId, string AccountId, string Region, string Service, string UsageType, string ResourceType,
    string Customer, string Cluster, string IndexName, DateTime StartHour, DateTime EndHour,
    decimal HourlyCost, double HourlyUsage, byte Pattern);

internal sealed record RelationshipRow(
    string AccountId, string FromId, string Relation, string ToId, DateTime ValidFrom, byte IsDeleted, DateTime ObservedAt);

internal sealed record HierarchyNodeRow(
    string NodeId, string NodeType, string Name, string ParentId, Dictionary<string, string> Attributes, DateTime UpdatedAt);

internal sealed record AncestryRow(
    string DescendantId, string DescendantType, string AncestorId, string AncestorType, byte Depth, DateTime UpdatedAt);

internal sealed record AccountMetadataRow(string AccountId, string AccountName, string Role, string Environment, string Owner);

internal sealed record CustomerMetadataRow(string Customer, string DisplayName, string Tier);

internal sealed record CauseRow(
    string CauseId, string Kind, string Description, string NodeId, string[] ResourceIds,
    DateTime BaselineStart, DateTime BaselineEnd, DateTime PeriodStart, DateTime PeriodEnd, decimal ExpectedDelta);
