namespace Polo.Collection.Cost.Cur;

/// <summary>One CUR line item, parsed and validated, before mapping to the app's vocabulary.</summary>
public sealed record CurRecord(
    long Row, DateTime UsageStart, string AccountId, string Region, string ProductCode, string UsageType,
    string ResourceId, decimal UnblendedCost, double UsageAmount, string LineItemType,
    IReadOnlyDictionary<string, string> Tags);
