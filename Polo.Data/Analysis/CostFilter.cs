namespace Polo.Data.Analysis;

/// <summary>Narrows a cost query. Every field is optional; NodeId is a hierarchy node ('customer:acme', 'cluster:acme/prod-1').</summary>
public sealed record CostFilter(
    string? NodeId = null,
    string? AccountId = null,
    string? AccountRole = null,
    string? Service = null,
    string? ResourceType = null,
    string? ResourceId = null);
