namespace Polo.Data.Analysis;

/// <summary>
/// Which cost a query reads (docs/BILLING_COLUMNS.md). Amortized is the default: commitments (Savings Plans, RIs) are
/// spread over the usage they cover and their unused part shows as the fee, so a month's cost does not jump when an
/// upfront fee or a monthly RI fee is billed. URL form: <c>cost=unblended|amortized|net-amortized</c>.
/// </summary>
public enum CostType
{
    Amortized,
    Unblended,
    NetAmortized,
}

/// <summary>Column, URL value and label of a <see cref="CostType"/>.</summary>
public static class CostTypes
{
    public const CostType Default = CostType.Amortized;

    public static IReadOnlyList<CostType> All { get; } = [CostType.Unblended, CostType.Amortized, CostType.NetAmortized];

    /// <summary>The ledger column (same name in cost_hourly and cost_rollup_daily); a fixed string, never input.</summary>
    public static string Column(this CostType type) => type switch
    {
        CostType.Unblended => "cost",
        CostType.Amortized => "amortized_cost",
        CostType.NetAmortized => "net_amortized_cost",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown cost type"),
    };

    /// <summary>URL value: unblended, amortized, net-amortized.</summary>
    public static string ToUrl(this CostType type) => type switch
    {
        CostType.Unblended => "unblended",
        CostType.Amortized => "amortized",
        CostType.NetAmortized => "net-amortized",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown cost type"),
    };

    public static string Label(this CostType type) => type switch
    {
        CostType.Unblended => "Unblended",
        CostType.Amortized => "Amortized",
        CostType.NetAmortized => "Net amortized",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown cost type"),
    };

    /// <summary>Reads a URL value (case-insensitive); null or empty is the default (amortized).</summary>
    public static bool TryParse(string? value, out CostType type)
    {
        type = Default;
        if (string.IsNullOrWhiteSpace(value)) return true;
        foreach (var t in All)
        {
            if (string.Equals(t.ToUrl(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = t;
                return true;
            }
        }
        return false;
    }

    /// <summary>Like <see cref="TryParse"/>, throwing a clear <see cref="ArgumentException"/> for an unknown value.</summary>
    public static CostType Parse(string? value) => TryParse(value, out var t)
        ? t
        : throw new ArgumentException($"Unknown cost type '{value}'. Use unblended, amortized or net-amortized.");
}
