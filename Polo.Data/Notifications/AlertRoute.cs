namespace Polo.Data.Notifications;

/// <summary>
/// What goes to one channel: alert kinds (anomaly, violation, digest), the lowest severity (anomalies and violations),
/// optionally only some anomaly dimensions or rule ids (empty = all), and the channel's cooldown (minutes; -1 = the
/// notifier's default). Slack, email and webhook routes share it.
/// </summary>
public class AlertRoute
{
    public string Name { get; set; } = "default";
    public string MinSeverity { get; set; } = "high";
    public List<string> Kinds { get; set; } = [Alert.AnomalyKind, Alert.ViolationKind];
    public List<string> Dimensions { get; set; } = [];
    public List<string> Rules { get; set; } = [];
    public int CooldownMinutes { get; set; } = -1;

    private static readonly string[] Order = ["low", "medium", "high", "critical"];

    public TimeSpan? Cooldown => CooldownMinutes >= 0 ? TimeSpan.FromMinutes(CooldownMinutes) : null;

    public bool Wants(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!Kinds.Contains(alert.Kind, StringComparer.OrdinalIgnoreCase)) return false;
        if (alert.Kind == Alert.DigestKind) return true;
        if (Array.IndexOf(Order, alert.Severity) < Array.IndexOf(Order, MinSeverity.ToLowerInvariant())) return false;
        var series = alert.SeriesKey.Split('|', 2)[0];
        if (alert.Kind == Alert.AnomalyKind && Dimensions.Count > 0 && !Dimensions.Contains(series, StringComparer.OrdinalIgnoreCase)) return false;
        if (alert.Kind == Alert.ViolationKind && Rules.Count > 0 && !Rules.Contains(series, StringComparer.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>Problems that make the route unusable, for the log.</summary>
    public virtual IEnumerable<string> Problems()
    {
        if (Array.IndexOf(Order, MinSeverity.ToLowerInvariant()) < 0)
            yield return $"Route '{Name}': MinSeverity must be medium, high or critical (got '{MinSeverity}').";
        if (Name.Contains('|', StringComparison.Ordinal)) yield return $"Route '{Name}': a name cannot contain '|'.";
    }

    protected static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}
