namespace Polo.Data.Notifications;

/// <summary>What was sent where (migration 052): the notifier asks before sending and records after.</summary>
public sealed class SentState(IClickHouse ch)
{
    private sealed record Row(string AlertKey, string Channel, string SeriesKey, string Outcome, DateTime At);

    public async Task<HashSet<string>> DoneAsync(string channel, IReadOnlyCollection<string> alertKeys, CancellationToken ct = default)
    {
        if (alertKeys.Count == 0) return [];
        var rows = await ch.QueryAsync<Row>("""
            SELECT alert_key, channel, series_key, outcome, at FROM notifications_sent
            WHERE channel = {c:String} AND alert_key IN {keys:Array(String)}
            """, new QueryParams { ["c"] = channel, ["keys"] = alertKeys.ToArray() }, ct).ConfigureAwait(false);
        return rows.Select(r => r.AlertKey).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>When the channel last sent an alert of the series (for the cooldown), or null.</summary>
    public async Task<DateTime?> LastSentAsync(string channel, string seriesKey, CancellationToken ct = default)
    {
        var at = await ch.ScalarAsync<DateTime?>("""
            SELECT maxOrNull(at) FROM notifications_sent
            WHERE channel = {c:String} AND series_key = {s:String} AND outcome = 'sent'
            """, new QueryParams { ["c"] = channel, ["s"] = seriesKey }, ct).ConfigureAwait(false);
        return at;
    }

    public Task RecordAsync(string channel, Alert alert, string outcome, DateTime at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return ch.InsertAsync("notifications_sent", [new Row(alert.Key, channel, alert.SeriesKey, outcome, at)], ct: ct);
    }

    public async Task<long> CountAsync(string? channel = null, CancellationToken ct = default) =>
        await ch.ScalarAsync<long>("SELECT count() FROM notifications_sent FINAL WHERE {c:String} = '' OR channel = {c:String}",
            new QueryParams { ["c"] = channel ?? "" }, ct).ConfigureAwait(false);
}
