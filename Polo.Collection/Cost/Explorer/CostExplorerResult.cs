namespace Polo.Collection.Cost.Explorer;

/// <summary>One group of a GetCostAndUsage answer: its period, the keys mapped by their GroupDefinitions (a dimension
/// not grouped by is empty), the tags grouped by (the untagged bucket has value ""), and the two metrics.</summary>
public sealed record CostExplorerGroup(DateTime PeriodStart, string AccountId, string Service, decimal UnblendedCost,
    double UsageQuantity, string Region = "", string UsageType = "", IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>One page of a GetCostAndUsage answer.</summary>
public sealed record CostExplorerPage(IReadOnlyList<CostExplorerGroup> Groups, string? NextPageToken);
