using Polo.Data.Analysis;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Data.Caching;

/// <summary>Cost queries behind the shared cache, keyed by the data version of cost and metadata (account names and
/// roles); the KPIs also read what the decomposition reads.</summary>
public sealed class CachedCostQueries(ICostQueries inner, AnalysisCache cache) : ICostQueries
{
    public const DataKinds Reads = DataKinds.Cost | DataKinds.Metadata;

    private Task<T> Cached<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct, DataKinds reads = Reads) =>
        cache.GetOrComputeAsync(key, reads, compute, ct);

    public Task<DataExtent> ExtentAsync(CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.extent"), inner.ExtentAsync, ct);

    public Task<decimal> TotalAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.total", range, filter, costType), c => inner.TotalAsync(range, filter, costType, c), ct);

    public Task<IReadOnlyList<CostPoint>> DailyAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.daily", range, filter, costType), c => inner.DailyAsync(range, filter, costType, c), ct);

    public Task<IReadOnlyList<CostPoint>> HourlyAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.hourly", range, filter, costType), c => inner.HourlyAsync(range, filter, costType, c), ct);

    public Task<IReadOnlyList<CostSeries>> DailyByAsync(TimeRange range, Grouping by, int top = 8, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.dailyby", range, by, top, filter, costType), c => inner.DailyByAsync(range, by, top, filter, costType, c), ct);

    public Task<IReadOnlyList<GroupCost>> BreakdownAsync(TimeRange range, Grouping by, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.breakdown", range, by, filter, costType), c => inner.BreakdownAsync(range, by, filter, costType, c), ct);

    public Task<Kpis> KpisAsync(TimeRange range, CostType costType = CostType.Amortized, Grouping? moversBy = null, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.kpis", range, costType, moversBy), c => inner.KpisAsync(range, costType, moversBy, c), ct,
            Reads | CachedDeltaDecomposer.Reads);

    public Task<Grouping> StructureAsync(TimeRange range, CancellationToken ct = default) =>
        Cached(AnalysisCache.Key("cost.structure", range), c => inner.StructureAsync(range, c), ct);
}
