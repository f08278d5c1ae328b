using Polo.Data.Analysis;

namespace Polo.Data.Demo;

/// <summary>Knobs for the demo estate. End defaults to today (UTC midnight); Scale multiplies customers and resources.</summary>
public sealed record DemoEstateOptions(int Days = 90, int Scale = 1, DateTime? End = null, int Seed = 42)
{
    public DateTime EndUtc => End?.ToUniversalTime().Date ?? DateTime.UtcNow.Date;
    public DateTime StartUtc => EndUtc.AddDays(-Days);
}

public sealed record DemoProgress(string Stage, double Fraction);

/// <summary>A cause injected on purpose, with the delta the decomposition should find for it.</summary>
public sealed record InjectedCause(
    string CauseId,
    string Kind,
    string Description,
    string NodeId,
    IReadOnlyList<string> ResourceIds,
    TimeRange Baseline,
    TimeRange Period,
    decimal ExpectedDelta);

public sealed record DemoEstateSummary(
    int Accounts,
    int Customers,
    int Resources,
    long CostRows,
    long Events,
    decimal TotalCost,
    IReadOnlyList<InjectedCause> Causes);

/// <summary>Ids and kinds of the demo's commitment causes (measured in amortized cost, the default cost type).</summary>
public static class DemoCommitmentCauses
{
    public const string SavingsPlanExpired = "savings-plan-expired";
    public const string ReservedInstancesBought = "reserved-instances-bought";
    public const string CoverageLost = Vocabulary.CauseKind.CoverageLost;
    public const string CoverageGained = Vocabulary.CauseKind.CoverageGained;
}
