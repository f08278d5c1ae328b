namespace Polo.Data.Analysis;

public enum SortDirection { Ascending, Descending }

/// <summary>Inventory query: free-text search over id/name/tags, filters, sort column (snake_case name) and paging.</summary>
public sealed record ResourceQuery(
    string? Search = null,
    string? ResourceType = null,
    string? AccountId = null,
    string? NodeId = null,
    string? State = null,
    string SortBy = "cost",
    SortDirection Direction = SortDirection.Descending,
    int Page = 0,
    int PageSize = 50,
    TimeRange? CostRange = null,
    CostType CostType = CostType.Amortized);

public sealed record ResourceRow(
    string ResourceId,
    string Name,
    string ResourceType,
    string AccountId,
    string Region,
    string State,
    string Customer,
    string Cluster,
    string IndexName,
    decimal Cost,
    DateTime CreatedAt,
    DateTime? DeletedAt);

public sealed record ResourcePage(IReadOnlyList<ResourceRow> Rows, long Total);

public sealed record ResourceEvent(
    DateTime EventTime,
    string EventId,
    string EventType,
    string Source,
    string Actor,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>One line a person reads: "resized m5.large → m5.2xlarge".</summary>
    public string Summary => EventSummary.Describe(EventType, Properties);
}

public sealed record Relationship(string Relation, string OtherId, string OtherType, bool Outgoing);

/// <summary>What the bill says about a resource (resource_billing): first and last billed hour, service, tags as billed.</summary>
public sealed record ResourceBilling(
    DateTime FirstBilledHour,
    DateTime LastBilledHour,
    string Service,
    IReadOnlyDictionary<string, string> BilledTags);

/// <summary>A resource's page: its row, tags, properties, events, daily cost and relationships; <c>Owner</c> says who
/// owns the inventory row ("inventory": a resource API saw it; "bill": known only from the bill) and <c>Billing</c> is
/// the bill's view of it (null when the bill never named it).</summary>
public sealed record ResourceDetail(
    ResourceRow Resource,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<ResourceEvent> Events,
    IReadOnlyList<CostPoint> DailyCost,
    IReadOnlyList<Relationship> Relationships,
    string Owner = "inventory",
    ResourceBilling? Billing = null);
