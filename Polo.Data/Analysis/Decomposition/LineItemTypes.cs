using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>What a CUR line item type means for the decomposition: usage (priced per unit, split into usage and rate),
/// commitment coverage, or a billing mechanism of its own.</summary>
internal static class LineItemTypes
{
    public const string Usage = "Usage";
    public const string DiscountedUsage = "DiscountedUsage";
    public const string SavingsPlanCoveredUsage = "SavingsPlanCoveredUsage";
    public const string SavingsPlanNegation = "SavingsPlanNegation";

    /// <summary>Lines whose cost is usage × rate (an empty type is the demo's and Cost Explorer's plain usage).</summary>
    public static bool IsUsage(string type) => type is "" or Usage or DiscountedUsage or SavingsPlanCoveredUsage;

    /// <summary>Usage a Savings Plan or reservation covers.</summary>
    public static bool IsCovered(string type) => type is DiscountedUsage or SavingsPlanCoveredUsage;

    /// <summary>The mechanism of a non-usage line; <paramref name="delta"/> decides the direction of a negation.</summary>
    public static string Mechanism(CostLine l, decimal delta) => l.LineItemType switch
    {
        SavingsPlanNegation => delta < 0 ? CauseKind.CoverageGained : CauseKind.CoverageLost,
        "SavingsPlanRecurringFee" or "SavingsPlanUpfrontFee" or "RIFee" => CauseKind.CommitmentFee,
        "Fee" when l.HasCommitment == 1 => CauseKind.CommitmentFee,
        "Fee" when l.Service.Contains("Support", StringComparison.OrdinalIgnoreCase) => CauseKind.SupportFee,
        "Fee" => CauseKind.Fee,
        "Credit" => CauseKind.Credit,
        "Refund" => CauseKind.Refund,
        "Tax" => CauseKind.Tax,
        var t when t.EndsWith("Discount", StringComparison.Ordinal) => CauseKind.Discount,
        _ => CauseKind.Fee,
    };

    /// <summary>Resource type of a pseudo-resource (an id-less bill line).</summary>
    public const string BillingLine = "billing_line";

    /// <summary>Id of the pseudo-resource for id-less lines: one per service × line item type × usage type.</summary>
    public static string PseudoId(string service, string lineItemType, string usageType) =>
        $"bill:{service}/{(lineItemType == "" ? Usage : lineItemType)}/{(usageType == "" ? "-" : usageType)}";
}
