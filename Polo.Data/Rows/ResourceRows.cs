using Polo.Data.Vocabulary;

namespace Polo.Data.Rows;

// One row type per table, shared by the demo generator, the collectors and the tests. Property names map to
// snake_case columns through ClickHouseJson (migrations 001, 002, 004).

/// <summary>A row of resource_events.</summary>
public sealed record EventRow(
    DateTime EventTime, string EventId, string AccountId, string Region, string ResourceId, string ResourceType,
    string EventType, string Source, string Actor, string Customer, string Cluster, string IndexName,
    Dictionary<string, string> Properties);

/// <summary>A row of resource_snapshots; <paramref name="Owner"/> says who wrote it (<see cref="InventoryOwner"/>, migration 035).</summary>
public sealed record SnapshotRow(
    string ResourceId, string AccountId, string Region, string ResourceType, string Name, string State,
    string Customer, string Cluster, string IndexName, Dictionary<string, string> Tags,
    Dictionary<string, string> Properties, DateTime CreatedAt, DateTime? DeletedAt, byte IsDeleted, DateTime ObservedAt,
    string Owner = InventoryOwner.Inventory);

/// <summary>A row of resource_relationships.</summary>
public sealed record RelationshipRow(
    string AccountId, string FromId, string Relation, string ToId, DateTime ValidFrom, byte IsDeleted, DateTime ObservedAt);
