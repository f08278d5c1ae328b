using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis;

/// <summary>One piece of evidence: the event (or usage observation) that explains a resource's change.</summary>
public sealed record Evidence(DateTime Time, string ResourceId, string EventType, string Summary, string? EventId);

/// <summary>A resource's change between baseline and period, attributed to one cause.</summary>
public sealed record ResourceDelta(
    string ResourceId,
    string ResourceType,
    string AccountId,
    string Service,
    decimal BaselineCost,
    decimal PeriodCost,
    string Cause,
    decimal Explained,
    IReadOnlyList<Evidence> Evidence)
{
    public decimal Delta => PeriodCost - BaselineCost;
    public decimal Unexplained => Delta - Explained;
}

/// <summary>A node of the delta tree (customer → cluster → index; or account/role/service when grouped so).</summary>
public sealed record DeltaNode(
    string NodeId,
    string NodeType,
    string Name,
    decimal BaselineCost,
    decimal PeriodCost,
    decimal Explained,
    IReadOnlyList<DeltaNode> Children,
    IReadOnlyList<ResourceDelta> Resources)
{
    public decimal Delta => PeriodCost - BaselineCost;
    public decimal Unexplained => Delta - Explained;
}

/// <summary>Same-kind causes summed across the estate, e.g. "orphaned volumes accumulated (+$400)".</summary>
public sealed record CauseSummary(string Cause, string NodeId, string Description, decimal Amount, int ResourceCount,
    IReadOnlyList<string> ResourceIds);

/// <summary>
/// The answer to "costs moved by X — why?". Baseline cost is scaled to the period's length, so ranges of different
/// lengths compare fairly. Amounts are of <see cref="CostType"/>. Invariant: Delta == sum of top-level node deltas == sum of all cause amounts
/// (unexplained included), to the cent.
/// </summary>
public sealed record DeltaDecomposition(
    TimeRange Baseline,
    TimeRange Period,
    Grouping GroupBy,
    decimal BaselineCost,
    decimal PeriodCost,
    IReadOnlyList<DeltaNode> Nodes,
    IReadOnlyList<CauseSummary> Causes,
    CostType CostType = CostType.Amortized)
{
    public decimal Delta => PeriodCost - BaselineCost;
    public decimal Unexplained => Causes.Where(c => c.Cause == CauseKind.Unexplained).Sum(c => c.Amount);
}
