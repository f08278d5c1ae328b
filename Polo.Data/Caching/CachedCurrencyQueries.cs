using Polo.Data.Analysis;
using Polo.Data.Changes;

namespace Polo.Data.Caching;

/// <summary>Currency queries behind the shared cache, keyed by the data version of cost: every page reads the currency
/// of its periods on each load (twice a visit: prerender and interactive render), a scan of the rollup that grows
/// with the estate.</summary>
public sealed class CachedCurrencyQueries(ICurrencyQueries inner, AnalysisCache cache) : ICurrencyQueries
{
    public const DataKinds Reads = DataKinds.Cost;

    public Task<IReadOnlyList<string>> InAsync(IReadOnlyCollection<TimeRange> ranges, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("currency.in", [.. ranges]), Reads, c => inner.InAsync(ranges, c), ct);
}
