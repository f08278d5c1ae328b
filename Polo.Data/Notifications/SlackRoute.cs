namespace Polo.Data.Notifications;

/// <summary>
/// One Slack incoming webhook and what goes to it: alert kinds (anomaly, violation), the lowest severity, and optionally
/// only some anomaly dimensions or rule ids (empty = all). Configured under <c>Alerts:Slack</c>.
/// </summary>
public sealed class SlackRoute
{
    public string Name { get; set; } = "default";
    public string WebhookUrl { get; set; } = "";
    public string MinSeverity { get; set; } = "high";
    public List<string> Kinds { get; set; } = [Alert.AnomalyKind, Alert.ViolationKind];
    public List<string> Dimensions { get; set; } = [];
    public List<string> Rules { get; set; } = [];

    private static readonly string[] Order = ["low", "medium", "high", "critical"];

    public bool Wants(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!Kinds.Contains(alert.Kind, StringComparer.OrdinalIgnoreCase)) return false;
        if (Array.IndexOf(Order, alert.Severity) < Array.IndexOf(Order, MinSeverity.ToLowerInvariant())) return false;
        var series = alert.SeriesKey.Split('|', 2)[0];
        if (alert.Kind == Alert.AnomalyKind && Dimensions.Count > 0 && !Dimensions.Contains(series, StringComparer.OrdinalIgnoreCase)) return false;
        if (alert.Kind == Alert.ViolationKind && Rules.Count > 0 && !Rules.Contains(series, StringComparer.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>Problems that make the route unusable, for the log.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp))
            yield return $"Slack route '{Name}': WebhookUrl must be an http(s) URL (got '{WebhookUrl}').";
        if (Array.IndexOf(Order, MinSeverity.ToLowerInvariant()) < 0)
            yield return $"Slack route '{Name}': MinSeverity must be medium, high or critical (got '{MinSeverity}').";
    }
}
