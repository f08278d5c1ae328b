using Polo.Data.Notifications;

namespace Polo.Collection.Alerts;

/// <summary>The <c>Alerts</c> section: where alerts go, how often they are evaluated, the base URL their links use.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>The app's public URL; the explanation links in messages start with it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Quartz cron of the scheduled evaluation (it also runs whenever cost data lands).</summary>
    public string Schedule { get; set; } = "0 */15 * * * ?";

    /// <summary>Only anomalies on the last this many days with cost are alerted (history is never replayed).</summary>
    public int LookbackDays { get; set; } = 2;

    /// <summary>A channel sends at most one alert per series within this time; later ones are held back.</summary>
    public int CooldownMinutes { get; set; } = 360;

    public List<SlackRoute> Slack { get; set; } = [];
}
