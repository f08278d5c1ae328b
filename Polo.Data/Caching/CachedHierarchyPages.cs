using Polo.Data.Analysis;

namespace Polo.Data.Caching;

/// <summary>Pages of hierarchy children behind the shared cache, keyed like <see cref="CachedHierarchyQueries"/>.</summary>
public sealed class CachedHierarchyPages(IHierarchyPages inner, AnalysisCache cache) : IHierarchyPages
{
    public Task<HierarchyChildrenPage> ChildrenPageAsync(string parentId, TimeRange range, CostType costType, int limit, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("hierarchy.page", parentId, range, costType, limit), CachedHierarchyQueries.Reads,
            c => inner.ChildrenPageAsync(parentId, range, costType, limit, c), ct);
}
