using MudBlazor;
using Polo.Data.Anomalies;
using Polo.Web.Services;

namespace Polo.Web.Components.Pages.Anomalies;

/// <summary>Links from an anomaly to its explanation: /explain for the anomalous day against exactly the detector's
/// baseline days (<c>bdays</c>, the same query as the alert's link: <see cref="AnomalyAlerts.ExplainQuery"/>).</summary>
public static class AnomalyLinks
{
    public static string Explain(string currentUri, Anomaly a) =>
        UrlState.Carry(currentUri, "explain", AnomalyAlerts.ExplainQuery(a));

    public static Color SeverityColor(AnomalySeverity s) => s switch
    {
        AnomalySeverity.Critical => Color.Error,
        AnomalySeverity.High => Color.Warning,
        _ => Color.Info,
    };
}
