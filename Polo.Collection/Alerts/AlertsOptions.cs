using Polo.Data.Notifications;

namespace Polo.Collection.Alerts;

/// <summary>The <c>Alerts</c> section: where alerts go (Slack, email, webhooks), how often they are evaluated and
/// delivered, retries, the weekly digest, and the base URL their links use.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>The app's public URL; the explanation links in messages start with it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Quartz cron of the scheduled evaluation (it also runs whenever cost data lands).</summary>
    public string Schedule { get; set; } = "0 */15 * * * ?";

    /// <summary>Only anomalies and violations on the last this many days with cost are alerted (history is never replayed).</summary>
    public int LookbackDays { get; set; } = 2;

    /// <summary>A channel sends at most one alert per series within this time unless its route or the rule says otherwise.</summary>
    public int CooldownMinutes { get; set; } = 360;

    /// <summary>How often due messages (retries) are delivered.</summary>
    public int DeliverySeconds { get; set; } = 30;

    /// <summary>Tries per message before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each later one waits four times longer (at most two hours).</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    public List<SlackRoute> Slack { get; set; } = [];

    public List<EmailRoute> Email { get; set; } = [];

    public List<WebhookRoute> Webhooks { get; set; } = [];

    public SmtpOptions Smtp { get; set; } = new();

    public DigestOptions Digest { get; set; } = new();

    public DeliveryOptions Delivery() => new(TimeSpan.FromMinutes(CooldownMinutes), Math.Max(1, MaxAttempts), TimeSpan.FromSeconds(Math.Max(1, RetryBaseSeconds)));
}

/// <summary>The weekly digest (<c>Alerts:Digest</c>): when it is sent (UTC) and its routes get it when their Kinds hold "digest".</summary>
public sealed class DigestOptions
{
    public bool Enabled { get; set; } = true;
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;
    public int Hour { get; set; } = 8;

    /// <summary>Quartz cron for <see cref="Day"/> at <see cref="Hour"/>:00 UTC.</summary>
    public string Cron()
    {
        if (Hour is < 0 or > 23) throw new ArgumentException($"Alerts:Digest:Hour must be 0–23 (got {Hour}).");
        var day = Day.ToString().ToUpperInvariant()[..3];
        return $"0 0 {Hour} ? * {day}";
    }
}
