using Polo.Data.Analysis;

namespace Polo.Data.Anomalies;

public enum AnomalySeverity
{
    Medium,
    High,
    Critical,
}

/// <summary>What people said about an anomaly. Anything but <see cref="Cleared"/> also suppresses repeats.</summary>
public enum AnomalyVerdict
{
    Expected,
    Planned,
    NotAnomaly,
    Cleared,
}

/// <summary>
/// Detection settings. A day's cost of a series is compared with the mean and standard deviation of the
/// <see cref="WindowDays"/> days before it; with <see cref="Seasonal"/> (on by default) only days of the same kind count
/// (weekdays against weekdays, weekend days against weekend days), so a normal weekend dip is not an anomaly. The
/// standard deviation is at least <see cref="StdFloor"/> and <see cref="StdFloorFraction"/> of the mean, and a day moving
/// less than <see cref="MinImpact"/> never fires, so flat series do not fire on cents.
/// </summary>
public sealed record AnomalySettings(
    int WindowDays = 7,
    bool Seasonal = true,
    decimal StdFloor = 5m,
    decimal StdFloorFraction = 0.05m,
    decimal MinImpact = 50m,
    double MediumZ = 2.0,
    double HighZ = 2.5,
    double CriticalZ = 3.0,
    CostType CostType = CostTypes.Default)
{
    /// <summary>Days a repeat of an anomaly people gave feedback on stays suppressed.</summary>
    public const int SuppressDays = 14;

    public void Validate()
    {
        if (WindowDays is < 3 or > 60) throw new ArgumentException("The anomaly window is 3 to 60 days.");
        if (StdFloor < 0 || StdFloorFraction < 0 || MinImpact < 0) throw new ArgumentException("Floors and the minimum impact cannot be negative.");
        if (!(MediumZ > 0 && MediumZ <= HighZ && HighZ <= CriticalZ)) throw new ArgumentException("Severity thresholds must rise: medium ≤ high ≤ critical.");
    }

    public AnomalySeverity? SeverityOf(double z) =>
        Math.Abs(z) > CriticalZ ? AnomalySeverity.Critical
        : Math.Abs(z) > HighZ ? AnomalySeverity.High
        : Math.Abs(z) > MediumZ ? AnomalySeverity.Medium
        : null;
}

/// <summary>The series an anomaly is in: a dimension (total, account, service, customer, cluster, usage_type) and its key.</summary>
public static class AnomalyDimensions
{
    public const string Total = "total";
    public const string Account = "account";
    public const string Service = "service";
    public const string Customer = "customer";
    public const string Cluster = "cluster";
    public const string UsageType = "usage_type";

    public static IReadOnlyList<string> All { get; } = [Total, Account, Service, Customer, Cluster, UsageType];

    /// <summary>The node id whose cost is the series ("" for the total).</summary>
    public static string NodeIdOf(string dimension, string key) => dimension switch
    {
        Total => "",
        Account => NodeId.Flat("account", key),
        Service => NodeId.Flat("service", key),
        Customer => NodeId.Customer(key),
        Cluster => key.Split('/', 2) is [var c, var cl] ? NodeId.Cluster(c, cl) : throw new ArgumentException($"Bad cluster key '{key}'."),
        UsageType => NodeId.Flat("usage_type", key),
        _ => throw new ArgumentException($"Unknown anomaly dimension '{dimension}'."),
    };
}

public sealed record AnomalyFeedback(AnomalyVerdict Verdict, string Note, string ChangedBy, DateTime At);

/// <summary>
/// One day of one series whose cost moved more than the detector allows. <see cref="BaselineDays"/> are exactly the
/// days the expected cost is the mean of; the explanation decomposes <see cref="Day"/> against them.
/// </summary>
public sealed record Anomaly(
    string Id,
    string Dimension,
    string Key,
    string Label,
    DateOnly Day,
    decimal Cost,
    decimal Expected,
    decimal StdDev,
    double Z,
    AnomalySeverity Severity,
    IReadOnlyList<DateOnly> BaselineDays,
    AnomalyFeedback? Feedback = null,
    string? SuppressedBy = null)
{
    public decimal Impact => Cost - Expected;

    public string NodeId => AnomalyDimensions.NodeIdOf(Dimension, Key);

    /// <summary>Shown and alerted: no feedback on it and not a repeat of one that has feedback.</summary>
    public bool Open => (Feedback is null || Feedback.Verdict == AnomalyVerdict.Cleared) && SuppressedBy is null;

    public static string IdOf(string dimension, string key, DateOnly day) =>
        $"{dimension}|{key}|{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}
