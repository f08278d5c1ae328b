namespace Polo.Collection.Cost.Explorer;

/// <summary>One group of a GetCostAndUsage answer: a period, the linked account and service, and the two metrics.</summary>
public sealed record CostExplorerGroup(DateTime PeriodStart, string AccountId, string Service, decimal UnblendedCost, double UsageQuantity);

/// <summary>One page of a GetCostAndUsage answer.</summary>
public sealed record CostExplorerPage(IReadOnlyList<CostExplorerGroup> Groups, string? NextPageToken);
