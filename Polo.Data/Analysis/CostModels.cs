using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis;

public sealed record CostPoint(DateTime Bucket, decimal Cost);

public sealed record CostSeries(string Key, string Label, IReadOnlyList<CostPoint> Points);

/// <summary>Cost of one group in a range, with the previous equal-length range for comparison.</summary>
public sealed record GroupCost(string Key, string Label, decimal Cost, decimal PreviousCost)
{
    public decimal Delta => Cost - PreviousCost;
}

/// <summary>What data exists: first and last hour with cost, counts (every page reads it first, so only what the engine
/// knows without a scan: no count of distinct resources, a GROUP BY of the whole rollup that took ~0.5 s at ~100k).</summary>
public sealed record DataExtent(DateTime? FirstHour, DateTime? LastHour, long CostRows, long Events);

/// <summary>Dashboard headline figures for a range against its previous equal-length range.</summary>
public sealed record Kpis(
    TimeRange Range,
    decimal Cost,
    decimal PreviousCost,
    decimal Unexplained,
    IReadOnlyList<GroupCost> TopMovers)
{
    /// <summary>The grouping the top movers are groups of.</summary>
    public Grouping MoversBy { get; init; } = Grouping.Customer;

    public decimal Delta => Cost - PreviousCost;
    public decimal? DeltaPercent => PreviousCost == 0 ? null : Delta / PreviousCost * 100m;
}
