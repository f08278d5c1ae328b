using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis;

/// <summary>What the bill says about a part: usage and cost in both windows (baseline scaled), unit, and the day the
/// change happened when the bill shows it (first or last billed hour, coverage end); summed over several resources,
/// <see cref="On"/> is the earliest day and <see cref="Until"/> the latest.</summary>
public sealed record UsageFigures(double BaselineUsage, double PeriodUsage, string Unit, decimal BaselineCost,
    decimal PeriodCost, DateTime? On = null, DateTime? Until = null)
{
    public decimal? BaselineRate => BaselineUsage > 0 ? BaselineCost / (decimal)BaselineUsage : null;
    public decimal? PeriodRate => PeriodUsage > 0 ? PeriodCost / (decimal)PeriodUsage : null;
}

/// <summary>One mechanism's or lifecycle cause's share of a resource's delta. A resource's parts sum exactly to its
/// delta; "moved dollars" are the sum of the parts' absolute amounts (opposite parts never cancel).</summary>
public sealed record CausePart(string Cause, decimal Amount, IReadOnlyList<Evidence> Evidence, UsageFigures? Figures = null);

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
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<CausePart>? Parts = null)
{
    public decimal Delta => PeriodCost - BaselineCost;
    public decimal Unexplained => Delta - Explained;

    /// <summary>The delta split by cause and mechanism (unexplained included); sums exactly to <see cref="Delta"/>.</summary>
    public IReadOnlyList<CausePart> CauseParts => Parts ?? (Delta == 0 ? [] :
        new[] { new CausePart(Cause, Explained, Evidence), new CausePart(CauseKind.Unexplained, Unexplained, []) }
            .Where(p => p.Amount != 0).ToList());

    /// <summary>Gross absolute change: Σ |part| per cause, so opposite mechanisms do not cancel.</summary>
    public decimal Moved => CauseParts.Sum(p => Math.Abs(p.Amount));
}

/// <summary>A node of the delta tree (customer → cluster → index; or account/role/service when grouped so).
/// <see cref="Resources"/> are the resources that moved; <see cref="UnchangedResources"/> counts those under the node
/// (children included) that moved $0 with no part, which are in its costs but not listed.</summary>
public sealed record DeltaNode(
    string NodeId,
    string NodeType,
    string Name,
    decimal BaselineCost,
    decimal PeriodCost,
    decimal Explained,
    IReadOnlyList<DeltaNode> Children,
    IReadOnlyList<ResourceDelta> Resources,
    int UnchangedResources = 0)
{
    public decimal Delta => PeriodCost - BaselineCost;
    public decimal Unexplained => Delta - Explained;
}

/// <summary>Same-kind causes summed across the estate, e.g. "orphaned volumes accumulated (+$400)".</summary>
public sealed record CauseSummary(string Cause, string NodeId, string Description, decimal Amount, int ResourceCount,
    IReadOnlyList<string> ResourceIds);

/// <summary>
/// The answer to "costs moved by X — why?". Baseline cost is scaled to the period's length, so ranges of different
/// lengths compare fairly (a baseline of several ranges is scaled by its total length, <see cref="DeltaBaseline"/>;
/// <see cref="Baseline"/> is then their span and <see cref="BaselineRanges"/> the ranges); charges billed once per billing period (monthly fees, tax) are compared per period, unscaled. Amounts are of <see cref="CostType"/>. Invariant: Delta == sum of top-level node deltas == sum of all cause amounts
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
    CostType CostType = CostType.Amortized,
    DeltaBaseline? BaselineRanges = null)
{
    /// <summary>The baseline's ranges (<see cref="Baseline"/> alone when it is contiguous).</summary>
    public DeltaBaseline BaselineWindows => BaselineRanges ?? DeltaBaseline.Of(Baseline);

    public decimal Delta => PeriodCost - BaselineCost;
    public decimal Unexplained => Causes.Where(c => c.Cause == CauseKind.Unexplained).Sum(c => c.Amount);

    /// <summary>Every resource of the tree (each appears once per leaf node it has cost under).</summary>
    public IEnumerable<ResourceDelta> AllResources() => Walk(Nodes);

    /// <summary>Moved dollars: Σ over resources and causes of |amount| (a resource's opposite mechanisms never cancel).</summary>
    public decimal Moved => AllResources().Sum(r => r.Moved);

    /// <summary>The part of <see cref="Moved"/> no mechanism or evidence explains.</summary>
    public decimal UnexplainedMoved => AllResources()
        .Sum(r => r.CauseParts.Where(p => p.Cause == CauseKind.Unexplained).Sum(p => Math.Abs(p.Amount)));

    private static IEnumerable<ResourceDelta> Walk(IEnumerable<DeltaNode> nodes) =>
        nodes.SelectMany(n => n.Resources.Concat(Walk(n.Children)));
}
