namespace Polo.Data.Anomalies;

/// <summary>Stores feedback on anomalies (a version per change, newest wins). Every change names who made it: the seam
/// where a role check goes once sign-in exists.</summary>
public sealed class AnomalyFeedbackStore(IClickHouse ch)
{
    private sealed record Row(string AnomalyId, string Dimension, string SeriesKey, DateOnly Day, string Verdict, string Note, string ChangedBy, DateTime Version);

    public async Task SaveAsync(Anomaly anomaly, AnomalyVerdict verdict, string note, string changedBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        if ((note?.Length ?? 0) > 2000) throw new ArgumentException("A note is at most 2,000 characters.");
        var now = DateTime.UtcNow;
        await ch.InsertAsync("anomaly_feedback",
            [new Row(anomaly.Id, anomaly.Dimension, anomaly.Key, anomaly.Day, ToText(verdict), note ?? "", changedBy, now)], ct: ct).ConfigureAwait(false);
    }

    public static string ToText(AnomalyVerdict v) => v switch
    {
        AnomalyVerdict.Expected => "expected",
        AnomalyVerdict.Planned => "planned",
        AnomalyVerdict.NotAnomaly => "not_anomaly",
        AnomalyVerdict.Cleared => "cleared",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, "unknown verdict"),
    };

    public static AnomalyVerdict ParseVerdict(string text) => text switch
    {
        "expected" => AnomalyVerdict.Expected,
        "planned" => AnomalyVerdict.Planned,
        "not_anomaly" => AnomalyVerdict.NotAnomaly,
        "cleared" => AnomalyVerdict.Cleared,
        _ => throw new ArgumentException($"Unknown anomaly verdict '{text}'. Use expected, planned, not_anomaly or cleared."),
    };
}
