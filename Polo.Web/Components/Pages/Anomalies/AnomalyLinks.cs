using MudBlazor;
using Polo.Data.Anomalies;
using Polo.Data.Vocabulary;
using Polo.Web.Services.Links;

namespace Polo.Web.Components.Pages.Anomalies;

/// <summary>Links from an anomaly to its explanation: /explain for the anomalous day against the detector's baseline
/// days (from the first baseline day to the day before; see the limit in docs/ANOMALIES.md).</summary>
public static class AnomalyLinks
{
    public static string Explain(string currentUri, Anomaly a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var by = a.Dimension == AnomalyDimensions.Cluster ? Grouping.Cluster : a.Dimension == AnomalyDimensions.Customer ? Grouping.Customer : null;
        return new ExplainLink(a.BaselineDays[0], a.BaselineDays[^1], by) { Carried = new CarriedState(a.Day, a.Day) }.HrefFrom(currentUri);
    }

    public static Color SeverityColor(AnomalySeverity s) => s switch
    {
        AnomalySeverity.Critical => Color.Error,
        AnomalySeverity.High => Color.Warning,
        _ => Color.Info,
    };
}
