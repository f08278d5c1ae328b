namespace Polo.Data.Vocabulary;

/// <summary>
/// Why a resource's cost changed: the <c>cause</c> of a decomposition and of the demo's ground truth. Unexplained is
/// the part of a delta no event or usage change accounts for; it is always listed first.
/// </summary>
public static class CauseKind
{
    public const string Unexplained = "unexplained";
    public const string Launched = "launched";          // new resource started costing
    public const string Terminated = "terminated";      // resource stopped existing
    public const string Resized = "resized";            // instance type / volume size changed
    public const string Started = "started";            // state change to running
    public const string Stopped = "stopped";            // state change to stopped
    public const string RanLonger = "ran_longer";       // ran more hours than in the baseline, no lifecycle change
    public const string UsageChange = "usage_change";   // same resource, same price, more/less usage (e.g. NAT bytes)
    public const string Orphaned = "orphaned";          // detached/unattached resources that keep costing
    public const string TagChange = "tag_change";       // cost moved between hierarchy nodes because a tag changed
    public const string BillingStopped = "billing_stopped"; // the bill's last billed hour, no lifecycle event
    // Billing mechanisms (how AWS prices the same usage), as in AWS's cost-comparison drivers.
    public const string RateChange = "rate_change";     // same usage, different rate (price-volume split)
    public const string CoverageGained = "coverage_gained"; // a Savings Plan or RI now covers more of the usage
    public const string CoverageLost = "coverage_lost"; // a Savings Plan or RI covers less of the usage (expired)
    public const string CommitmentFee = "commitment_fee"; // RI / Savings Plan fees and unused commitment
    public const string Credit = "credit";
    public const string Refund = "refund";
    public const string Tax = "tax";
    public const string SupportFee = "support_fee";
    public const string Fee = "fee";                    // other fees (marketplace, one-off)
    public const string Discount = "discount";          // EDP, private rate, RI volume, bundled discounts

    /// <summary>Causes that are billing mechanisms rather than lifecycle changes.</summary>
    public static readonly IReadOnlySet<string> Mechanisms = new HashSet<string>(StringComparer.Ordinal)
    {
        RateChange, CoverageGained, CoverageLost, CommitmentFee, Credit, Refund, Tax, SupportFee, Fee, Discount,
    };
}
