using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis;

/// <summary>Read side for the UI, all SQL on ClickHouse (cost from cost_rollup_daily / cost_hourly). Every amount is of
/// the <see cref="CostType"/> asked for (amortized by default).</summary>
public interface ICostQueries
{
    Task<DataExtent> ExtentAsync(CancellationToken ct = default);
    Task<decimal> TotalAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default);
    Task<IReadOnlyList<CostPoint>> DailyAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default);
    Task<IReadOnlyList<CostPoint>> HourlyAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default);
    /// <summary>Top <paramref name="top"/> groups as daily series, the rest folded into "other".</summary>
    Task<IReadOnlyList<CostSeries>> DailyByAsync(TimeRange range, Grouping by, int top = 8, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default);
    /// <summary>Each group's cost in range and in the previous equal-length range, largest first.</summary>
    Task<IReadOnlyList<GroupCost>> BreakdownAsync(TimeRange range, Grouping by, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default);
    /// <summary>Headline figures; top movers are the groups of <paramref name="moversBy"/> whose cost moved most.</summary>
    Task<Kpis> KpisAsync(TimeRange range, CostType costType = CostType.Amortized, Grouping? moversBy = null,
        CancellationToken ct = default);
    /// <summary>The grouping that shows structure in a range: customers where the bill carries hierarchy tags, else
    /// accounts where there are several, else services (never one "unassigned" bar).</summary>
    Task<Grouping> StructureAsync(TimeRange range, CancellationToken ct = default);
}

/// <summary>The currencies a bill's amounts are in; the one currency of a question is
/// <see cref="Costs.CurrencyQueriesExtensions.SingleAsync"/>.</summary>
public interface ICurrencyQueries
{
    /// <summary>Currencies with cost in any of <paramref name="ranges"/>, in order.</summary>
    Task<IReadOnlyList<string>> InAsync(IReadOnlyCollection<TimeRange> ranges, CancellationToken ct = default);
}

public interface IHierarchyQueries
{
    /// <summary>Children of <paramref name="parentId"/> ("" for the roots) with cost and daily trend.</summary>
    Task<IReadOnlyList<HierarchyNodeCost>> ChildrenAsync(string parentId, TimeRange range, CostType costType = CostType.Amortized, CancellationToken ct = default);
    Task<HierarchyNodeCost?> NodeAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized, CancellationToken ct = default);
    /// <summary>Ancestors from the root down to the node itself, for breadcrumbs.</summary>
    Task<IReadOnlyList<HierarchyNodeCost>> PathAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized, CancellationToken ct = default);

    /// <summary>The children of a node a page shows: the first <paramref name="limit"/> by cost, with their trends, and
    /// the total count (a large estate has thousands of customers; only the shown ones need a trend).</summary>
    Task<HierarchyChildrenPage> ChildrenPageAsync(string parentId, TimeRange range, CostType costType, int limit, CancellationToken ct = default);
}

public interface IResourceQueries
{
    Task<ResourcePage> SearchAsync(ResourceQuery query, CancellationToken ct = default);
    Task<ResourceDetail?> DetailAsync(string resourceId, TimeRange costRange, CostType costType = CostType.Amortized, CancellationToken ct = default);
}

public interface IDeltaDecomposer
{
    /// <summary>Period against a baseline of one or more ranges (see <see cref="DeltaBaseline"/> for the scaling rule).</summary>
    Task<DeltaDecomposition> DecomposeAsync(DeltaBaseline baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default);

    /// <summary>Period against one contiguous baseline range.</summary>
    Task<DeltaDecomposition> DecomposeAsync(TimeRange baseline, TimeRange period, Grouping? groupBy = null,
        CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default) =>
        DecomposeAsync(DeltaBaseline.Of(baseline), period, groupBy, filter, costType, ct);
}
