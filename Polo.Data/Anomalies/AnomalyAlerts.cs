using System.Globalization;
using Polo.Data.Notifications;

namespace Polo.Data.Anomalies;

/// <summary>An anomaly as an alert, and the query of its explanation: the anomalous day against exactly the detector's
/// baseline days (<c>bdays</c>, decomposed as a non-contiguous baseline; <c>bfrom</c>/<c>bto</c> give their span).</summary>
public static class AnomalyAlerts
{
    /// <summary>The /explain query keys of the anomaly's explanation.</summary>
    public static IReadOnlyDictionary<string, string?> ExplainQuery(Anomaly a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new Dictionary<string, string?>
        {
            ["from"] = Day(a.Day),
            ["to"] = Day(a.Day),
            ["bfrom"] = Day(a.BaselineDays[0]),
            ["bto"] = Day(a.BaselineDays[^1]),
            ["bdays"] = string.Join(",", a.BaselineDays.Select(Day)),
            ["by"] = a.Dimension is AnomalyDimensions.Cluster ? "cluster" : a.Dimension is AnomalyDimensions.Customer ? "customer" : null,
        };
    }

    public static string ExplainPath(Anomaly a) =>
        "/explain?" + string.Join("&", ExplainQuery(a).Where(kv => kv.Value is not null)
            .Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!).Replace("%2C", ",", StringComparison.Ordinal)}"));

    public static Alert ToAlert(Anomaly a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var impact = a.Impact.ToString("+#,##0.00;-#,##0.00", CultureInfo.InvariantCulture);
        var severity = a.Severity.ToString().ToLowerInvariant();
        return new Alert(
            Key: "anomaly|" + a.Id,
            Kind: Alert.AnomalyKind,
            Severity: severity,
            SeriesKey: $"{a.Dimension}|{a.Key}",
            Title: $"{char.ToUpperInvariant(severity[0])}{severity[1..]} cost anomaly: {a.Dimension} {a.Label} {impact} on {Day(a.Day)}",
            Text: $"{a.Label} ({a.Dimension}) cost {Amount(a.Cost)} on {Day(a.Day)} ({a.Day.DayOfWeek}) against {Amount(a.Expected)} expected " +
                  $"from {a.BaselineDays.Count} earlier days, z = {a.Z.ToString("0.0", CultureInfo.InvariantCulture)}.",
            Link: ExplainPath(a),
            Fields: [("Impact", impact), ("Severity", severity), ("Series", $"{a.Dimension}: {a.Label}"), ("Day", Day(a.Day))]);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
