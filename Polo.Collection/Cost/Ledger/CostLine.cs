namespace Polo.Collection.Cost.Ledger;

/// <summary>One cost line as read from a source, already in the app's vocabulary; the ledger sums lines per key.</summary>
public sealed record CostLine(
    DateTime Hour, string AccountId, string Region, string Service, string UsageType, string ResourceId,
    string ResourceType, string Customer, string Cluster, string IndexName, decimal Cost, double UsageAmount,
    IReadOnlyDictionary<string, string>? BilledTags = null);

/// <summary>A line staged under a batch id (columns of cost_ingest_staging).</summary>
internal sealed record StagedCostRow(
    string BatchId, DateTime Hour, string AccountId, string Region, string Service, string UsageType, string ResourceId,
    string ResourceType, string Customer, string Cluster, string IndexName, decimal Cost, double UsageAmount,
    Dictionary<string, string> BilledTags)
{
    public static StagedCostRow Of(string batchId, CostLine l) => new(batchId, l.Hour, l.AccountId, l.Region, l.Service,
        l.UsageType, l.ResourceId, l.ResourceType, l.Customer, l.Cluster, l.IndexName, l.Cost, l.UsageAmount,
        l.BilledTags is null ? new() : new(l.BilledTags));
}
