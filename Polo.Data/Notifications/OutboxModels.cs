using System.Text.Json;

namespace Polo.Data.Notifications;

/// <summary>The statuses of an outbox message (migration 053).</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cooldown = "cooldown";
    public const string Uncertain = "uncertain";

    public static IReadOnlyList<string> All { get; } = [Pending, Sending, Retrying, Delivered, Failed, Cooldown, Uncertain];
}

/// <summary>The newest version of one outbox message: what, to whom (<see cref="Channel"/>, <see cref="Recipient"/>),
/// when, its status, attempts so far and the last error.</summary>
public sealed record OutboxMessage(
    string MessageId,
    string AlertKey,
    string Channel,
    string Recipient,
    string Kind,
    string Severity,
    string SeriesKey,
    string Title,
    string Link,
    string AlertJson,
    string Status,
    ushort Attempts,
    byte CrashResends,
    DateTime NextAttemptAt,
    string Error,
    DateTime CreatedAt,
    DateTime Version)
{
    public static string IdOf(string alertKey, string channel) => alertKey + "|" + channel;

    public Alert ToAlert() => StoredAlert.Read(AlertJson);
}

/// <summary>One try to deliver a message (migration 060).</summary>
public sealed record OutboxAttempt(string MessageId, ushort Attempt, DateTime At, string Outcome, string Error, uint DurationMs);

/// <summary>What the history page filters by (all optional).</summary>
public sealed record OutboxFilter(string? Status = null, string? Channel = null, string? Kind = null, string? Text = null,
    DateOnly? From = null, DateOnly? To = null, int Limit = 200);

/// <summary>The alert exactly as stored before sending: a resend after a restart sends this, not a re-detection.</summary>
internal sealed record StoredAlert(string Key, string Kind, string Severity, string SeriesKey, string Title, string Text, string Link,
    List<string[]> Fields, List<string>? Channels, double? CooldownMinutes, List<StoredSection> Sections)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(Alert a) => JsonSerializer.Serialize(new StoredAlert(a.Key, a.Kind, a.Severity, a.SeriesKey, a.Title, a.Text, a.Link,
        a.Fields.Select(f => new[] { f.Label, f.Value }).ToList(), a.Channels?.ToList(), a.Cooldown?.TotalMinutes,
        a.Sections.Select(s => new StoredSection(s.Heading, s.Items.ToList())).ToList()), Options);

    public static Alert Read(string json)
    {
        var s = JsonSerializer.Deserialize<StoredAlert>(json, Options) ?? throw new InvalidOperationException("An outbox message has no stored alert.");
        return new Alert(s.Key, s.Kind, s.Severity, s.SeriesKey, s.Title, s.Text, s.Link, s.Fields.Select(f => (f[0], f[1])).ToList())
        {
            Channels = s.Channels,
            Cooldown = s.CooldownMinutes is { } m ? TimeSpan.FromMinutes(m) : null,
            Sections = s.Sections.Select(x => new AlertSection(x.Heading, x.Items)).ToList(),
        };
    }
}

internal sealed record StoredSection(string Heading, List<AlertItem> Items);
