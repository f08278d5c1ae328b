using MudBlazor;
using Polo.Data.Anomalies;
using Polo.Data.Vocabulary;
using Polo.Web.Services.Links;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Anomalies;

/// <summary>Links from an anomaly to its explanation: /explain for the anomalous day against exactly the detector's
/// baseline days (<c>bdays</c>; <c>bfrom</c>/<c>bto</c> their span), the same query as the alert's link
/// (<see cref="AnomalyAlerts.ExplainQuery"/>).</summary>
public static class AnomalyLinks
{
    public static string Explain(string currentUri, Anomaly a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var by = a.Dimension == AnomalyDimensions.Cluster ? Grouping.Cluster : a.Dimension == AnomalyDimensions.Customer ? Grouping.Customer : null;
        return new ExplainLink(a.BaselineDays[0], a.BaselineDays[^1], by, BaselineDays.Format(a.BaselineDays)) { Carried = new CarriedState(a.Day, a.Day) }.HrefFrom(currentUri);
    }

    public static Color SeverityColor(AnomalySeverity s) => s switch
    {
        AnomalySeverity.Critical => Color.Error,
        AnomalySeverity.High => Color.Warning,
        _ => Color.Info,
    };
}
