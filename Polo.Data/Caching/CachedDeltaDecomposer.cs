using Polo.Data.Analysis;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Data.Caching;

/// <summary>The decomposer behind the shared cache: one computation per question and data version of cost, events,
/// inventory and metadata (what the decomposition reads).</summary>
public sealed class CachedDeltaDecomposer(IDeltaDecomposer inner, AnalysisCache cache) : IDeltaDecomposer
{
    public const DataKinds Reads = DataKinds.Cost | DataKinds.Events | DataKinds.Inventory | DataKinds.Metadata;

    public Task<DeltaDecomposition> DecomposeAsync(DeltaBaseline baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key(nameof(DecomposeAsync), baseline, period, groupBy ?? Grouping.Customer, filter, costType),
            Reads, c => inner.DecomposeAsync(baseline, period, groupBy, filter, costType, c), ct);

    public Task<DeltaDecomposition> DecomposeAsync(TimeRange baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        DecomposeAsync(DeltaBaseline.Of(baseline), period, groupBy, filter, costType, ct);
}
