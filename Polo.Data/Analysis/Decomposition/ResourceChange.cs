namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// A resource's cost lines that fall in one node of the tree, with the baseline already scaled to the period's length
/// (rounded to 6 decimals per line, so every sum above it is exact).
/// </summary>
internal sealed class ResourceChange
{
    public required string ResourceId { get; init; }
    public required string ResourceType { get; init; }
    public required string AccountId { get; init; }
    public required string Service { get; init; }
    public required string State { get; init; }
    public required IReadOnlyList<CostLine> Lines { get; init; }
    /// <summary>Baseline cost per line scaled to the period length, same order as <see cref="Lines"/>.</summary>
    public required IReadOnlyList<decimal> ScaledBaseline { get; init; }
    /// <summary>How many placements (customer/cluster/index) the resource had across both windows.</summary>
    public required int Placements { get; init; }

    public decimal BaselineCost => ScaledBaseline.Sum();
    public decimal PeriodCost => Lines.Sum(l => l.PeriodCost);
    public decimal Delta => PeriodCost - BaselineCost;
    /// <summary>First hour with cost in the windows; a day's midnight when the lines came from the daily rollup.</summary>
    public DateTime FirstHour => Lines.Min(l => l.FirstHour);
    /// <summary>Whether running hours are known (lines read from the hourly ledger) or not (daily rollup).</summary>
    public bool HoursKnown => Lines.All(l => l.BaselineHours >= 0 && l.PeriodHours >= 0);
}

/// <summary>What the classifier decided for one resource: the cause and how much of the delta it explains.</summary>
internal sealed record Attribution(string Cause, decimal Explained, IReadOnlyList<Evidence> Evidence);
