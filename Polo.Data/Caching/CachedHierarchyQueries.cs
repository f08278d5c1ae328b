using Polo.Data.Analysis;
using Polo.Data.Changes;

namespace Polo.Data.Caching;

/// <summary>Hierarchy queries behind the shared cache, keyed by the data version of cost, hierarchy and metadata.</summary>
public sealed class CachedHierarchyQueries(IHierarchyQueries inner, AnalysisCache cache) : IHierarchyQueries
{
    public const DataKinds Reads = DataKinds.Cost | DataKinds.Hierarchy | DataKinds.Metadata;

    public Task<IReadOnlyList<HierarchyNodeCost>> ChildrenAsync(string parentId, TimeRange range, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("hierarchy.children", parentId, range, costType), Reads, c => inner.ChildrenAsync(parentId, range, costType, c), ct);

    public Task<HierarchyNodeCost?> NodeAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("hierarchy.node", nodeId, range, costType), Reads, c => inner.NodeAsync(nodeId, range, costType, c), ct);

    public Task<IReadOnlyList<HierarchyNodeCost>> PathAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("hierarchy.path", nodeId, range, costType), Reads, c => inner.PathAsync(nodeId, range, costType, c), ct);

    public Task<HierarchyChildrenPage> ChildrenPageAsync(string parentId, TimeRange range, CostType costType, int limit, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(AnalysisCache.Key("hierarchy.page", parentId, range, costType, limit), Reads,
            c => inner.ChildrenPageAsync(parentId, range, costType, limit, c), ct);
}
