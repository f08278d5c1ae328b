using MudBlazor;
using Polo.Data.Anomalies;
using Polo.Web.Services;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Anomalies;

/// <summary>Links from an anomaly to its explanation: /explain for the anomalous day against the detector's baseline
/// days (from the first baseline day to the day before; see the limit in docs/ANOMALIES.md).</summary>
public static class AnomalyLinks
{
    public static string Explain(string currentUri, Anomaly a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return UrlState.Carry(currentUri, "explain", new Dictionary<string, string?>
        {
            ["from"] = RangeSelection.Day(a.Day),
            ["to"] = RangeSelection.Day(a.Day),
            ["bfrom"] = RangeSelection.Day(a.BaselineDays[0]),
            ["bto"] = RangeSelection.Day(a.BaselineDays[^1]),
            ["by"] = a.Dimension == AnomalyDimensions.Cluster ? "cluster" : a.Dimension == AnomalyDimensions.Customer ? "customer" : null,
        });
    }

    public static Color SeverityColor(AnomalySeverity s) => s switch
    {
        AnomalySeverity.Critical => Color.Error,
        AnomalySeverity.High => Color.Warning,
        _ => Color.Info,
    };
}
