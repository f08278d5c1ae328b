namespace Polo.Data.Notifications;

/// <summary>
/// Something Polo tells people first: an anomaly or a rule violation. <see cref="Key"/> identifies it for ever (the
/// sent state is stored under it); <see cref="SeriesKey"/> is what a cooldown counts on; <see cref="Link"/> is the
/// path and query of its explanation (the sender prefixes the app's base URL).
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
}

/// <summary>The one sending interface: Slack now, email and generic webhooks later (issue 14).</summary>
public interface IAlertChannel
{
    /// <summary>Stable name, stored with the sent state (e.g. <c>slack:finops</c>).</summary>
    string Name { get; }

    /// <summary>Whether this channel wants the alert (its routing: kinds, severities, dimensions, rules).</summary>
    bool Wants(Alert alert);

    /// <summary>Delivers the alert; throws when it could not be delivered (it is then tried again next time).</summary>
    Task SendAsync(Alert alert, CancellationToken ct = default);
}
