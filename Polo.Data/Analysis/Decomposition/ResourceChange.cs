namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// A resource's cost lines that fall in one node of the tree, with the baseline already scaled to the period's length
/// (rounded to 6 decimals per line, so every sum above it is exact). Lines billed once per billing period are not
/// scaled: a monthly fee is compared with the previous month's fee.
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
    /// <summary>Baseline usage per line, scaled like <see cref="ScaledBaseline"/>.</summary>
    public required IReadOnlyList<double> ScaledUsage { get; init; }
    /// <summary>How many placements (customer/cluster/index) the resource had across both windows.</summary>
    public required int Placements { get; init; }
    /// <summary>Whether <see cref="FirstHour"/> is an hour (hourly ledger) or only a day (daily rollup).</summary>
    public required bool FirstHourExact { get; set; }
    /// <summary>First billed hour in the windows.</summary>
    public required DateTime FirstHour { get; set; }
    /// <summary>Last billed hour (or day) in the windows.</summary>
    public required DateTime LastHour { get; init; }

    public decimal BaselineCost => ScaledBaseline.Sum();
    public decimal PeriodCost => Lines.Sum(l => l.PeriodCost);
    public decimal Delta => PeriodCost - BaselineCost;
}

/// <summary>What the classifier decided for one resource's usage part: the cause and how much of it it explains.</summary>
internal sealed record Attribution(string Cause, decimal Explained, IReadOnlyList<Evidence> Evidence, DateTime? On = null);
