namespace Polo.Data.Tests.Analysis.Fixtures;

// Rows written by the hand-built analysis fixtures; property names map to snake_case columns.

public sealed record CostRow(
    DateTime Hour, string AccountId, string Region, string Service, string UsageType, string ResourceId,
    string ResourceType, string Customer, string Cluster, string IndexName, decimal Cost, double UsageAmount, string Source);

public sealed record EventRow(
    DateTime EventTime, string EventId, string AccountId, string Region, string ResourceId, string ResourceType,
    string EventType, string Source, string Actor, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Properties);

public sealed record SnapshotRow(
    string ResourceId, string AccountId, string Region, string ResourceType, string Name, string State,
    string Customer, string Cluster, string IndexName, Dictionary<string, string> Tags,
    Dictionary<string, string> Properties, DateTime CreatedAt, DateTime? DeletedAt, byte IsDeleted, DateTime ObservedAt);

public sealed record AccountRow(string AccountId, string AccountName, string Role, string Environment, string Owner);

public sealed record NodeRow(string NodeId, string NodeType, string Name, string ParentId,
    Dictionary<string, string> Attributes, DateTime UpdatedAt);

public sealed record RelationshipRow(string AccountId, string FromId, string Relation, string ToId, DateTime ValidFrom,
    byte IsDeleted, DateTime ObservedAt);

/// <summary>Where a fixture resource's cost is stamped.</summary>
public sealed record Place(string AccountId, string Customer = "", string Cluster = "", string IndexName = "", string Region = "us-east-1");
