namespace Polo.Data.Notifications;

/// <summary>
/// Something Polo tells people: an anomaly, a rule violation or the weekly digest. <see cref="Key"/> identifies it for
/// ever (its outbox rows are stored under it); <see cref="SeriesKey"/> is what a cooldown counts on; <see cref="Link"/>
/// is the path and query of its explanation (channels prefix the app's base URL). <see cref="Channels"/> (null = every
/// channel whose routes want it) and <see cref="Cooldown"/> (null = the channel's) are the alert's own routing (a
/// rule's). <see cref="Sections"/> carry the digest's lists.
/// </summary>
public sealed record Alert(
    string Key,
    string Kind,
    string Severity,
    string SeriesKey,
    string Title,
    string Text,
    string Link,
    IReadOnlyList<(string Label, string Value)> Fields)
{
    public const string AnomalyKind = "anomaly";
    public const string ViolationKind = "violation";
    public const string DigestKind = "digest";

    public IReadOnlyList<string>? Channels { get; init; }

    public TimeSpan? Cooldown { get; init; }

    public IReadOnlyList<AlertSection> Sections { get; init; } = [];
}

/// <summary>A titled list in a message (the digest's movers, anomalies, budgets…).</summary>
public sealed record AlertSection(string Heading, IReadOnlyList<AlertItem> Items);

/// <summary>One line of a section: its text, an amount or status, and the path of its bookmarkable view.</summary>
public sealed record AlertItem(string Text, string Value = "", string Link = "");

/// <summary>
/// The one sending interface: Slack, email and generic webhooks. The outbox (<see cref="AlertNotifier"/>) stores each
/// message before it calls <see cref="SendAsync"/> and marks it after, so channels only deliver.
/// </summary>
public interface IAlertChannel
{
    /// <summary>Stable name, stored with each message (e.g. <c>slack:finops</c>, <c>email:team</c>, <c>webhook:ops</c>).</summary>
    string Name { get; }

    /// <summary>Who receives it, for the history (a webhook's host, the email addresses).</summary>
    string Recipient => Name;

    /// <summary>The channel's own cooldown (null = the notifier's default).</summary>
    TimeSpan? Cooldown => null;

    /// <summary>Whether this channel wants the alert (its routing: kinds, severities, dimensions, rules).</summary>
    bool Wants(Alert alert);

    /// <summary>Delivers the alert; throws when it could not be delivered (it is then retried with backoff).</summary>
    Task SendAsync(Alert alert, CancellationToken ct = default);
}
