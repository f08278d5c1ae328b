namespace Polo.Data.Analysis;

/// <summary>Dimensions cost can be grouped by. URL form is the lower-case name (e.g. ?by=customer).</summary>
public enum Grouping
{
    Customer,
    Cluster,
    Index,
    Account,
    AccountRole,
    Service,
    UsageType,
    Region,
    ResourceType,
    Resource,
}

/// <summary>Narrows a cost query. Every field is optional; NodeId is a hierarchy node ('customer:acme', 'cluster:acme/prod-1').</summary>
public sealed record CostFilter(
    string? NodeId = null,
    string? AccountId = null,
    string? AccountRole = null,
    string? Service = null,
    string? ResourceType = null,
    string? ResourceId = null);
