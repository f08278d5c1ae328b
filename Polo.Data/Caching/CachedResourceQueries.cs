using Polo.Data.Analysis;
using Polo.Data.Changes;

namespace Polo.Data.Caching;

/// <summary>Resource queries behind the shared cache, keyed by the data version of inventory, events, cost,
/// hierarchy and metadata.</summary>
public sealed class CachedResourceQueries(IResourceQueries inner, AnalysisCache cache) : IResourceQueries
{
    public const DataKinds Reads = DataKinds.AnalysisData;

    public Task<ResourcePage> SearchAsync(ResourceQuery query, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("resources.search", query), Reads, c => inner.SearchAsync(query, c), ct);

    public Task<ResourceDetail?> DetailAsync(string resourceId, TimeRange costRange, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("resources.detail", resourceId, costRange, costType), Reads, c => inner.DetailAsync(resourceId, costRange, costType, c), ct);
}
