using Polo.Data.Changes;

namespace Polo.Data.Notifications;

/// <summary>
/// The outbox tables (migrations 053, 060): every change of a message is a new version (newest wins), every delivery
/// try an attempt row. Writes publish <see cref="DataKinds.Notifications"/>.
/// </summary>
public sealed class Outbox(IClickHouse ch, DataChangeNotifier? changes = null)
{
    private const string Columns = """
        message_id, alert_key, channel, recipient, kind, severity, series_key, title, link, alert_json, status, attempts,
        crash_resends, next_attempt_at, error, created_at, version
        """;

    private static readonly Lock VersionLock = new();
    private static DateTime _lastVersion = DateTime.MinValue;

    /// <summary>Strictly increasing millisecond versions within the process (later processes start later).</summary>
    private static DateTime NextVersion()
    {
        lock (VersionLock)
        {
            var now = DateTime.UtcNow;
            now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            _lastVersion = now > _lastVersion ? now : _lastVersion.AddMilliseconds(1);
            return _lastVersion;
        }
    }

    private static string Latest(string where) => $"""
        SELECT {Columns} FROM (SELECT {Columns} FROM notification_outbox {where} ORDER BY message_id, version DESC LIMIT 1 BY message_id)
        """;

    public async Task<Dictionary<string, OutboxMessage>> LatestAsync(IReadOnlyCollection<string> messageIds, CancellationToken ct = default)
    {
        if (messageIds.Count == 0) return [];
        var rows = await ch.QueryAsync<OutboxMessage>(Latest("WHERE message_id IN {ids:Array(String)}"),
            new QueryParams { ["ids"] = messageIds.ToArray() }, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.MessageId, StringComparer.Ordinal);
    }

    public async Task<OutboxMessage?> GetAsync(string messageId, CancellationToken ct = default) =>
        (await LatestAsync([messageId], ct).ConfigureAwait(false)).GetValueOrDefault(messageId);

    /// <summary>Messages whose newest version has one of <paramref name="statuses"/>, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> InStatusAsync(IReadOnlyCollection<string> statuses, CancellationToken ct = default)
    {
        var rows = await ch.QueryAsync<OutboxMessage>(Latest("") + " WHERE status IN {s:Array(String)} ORDER BY created_at, message_id",
            new QueryParams { ["s"] = statuses.ToArray() }, ct).ConfigureAwait(false);
        return rows;
    }

    /// <summary>When the channel last queued or sent a message of the series (for its cooldown), or null.</summary>
    public async Task<DateTime?> LastActiveAsync(string channel, string seriesKey, CancellationToken ct = default)
    {
        var at = await ch.ScalarAsync<DateTime?>(
            "SELECT maxOrNull(created_at) FROM (" + Latest("WHERE channel = {c:String} AND series_key = {s:String}") + ") WHERE status IN {live:Array(String)}",
            new QueryParams
            {
                ["c"] = channel, ["s"] = seriesKey,
                ["live"] = new[] { OutboxStatus.Pending, OutboxStatus.Sending, OutboxStatus.Retrying, OutboxStatus.Delivered, OutboxStatus.Uncertain },
            }, ct).ConfigureAwait(false);
        return at;
    }

    /// <summary>Stores new versions (each gets a version after every earlier one) and returns them.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> WriteAsync(IEnumerable<OutboxMessage> messages, CancellationToken ct = default)
    {
        var rows = messages.Select(m => m with { Version = NextVersion() }).ToList();
        if (rows.Count == 0) return rows;
        await ch.InsertAsync("notification_outbox", rows, ct: ct).ConfigureAwait(false);
        changes?.Publish(DataKinds.Notifications, rows.Count);
        return rows;
    }

    public async Task<OutboxMessage> WriteAsync(OutboxMessage message, CancellationToken ct = default) =>
        (await WriteAsync([message], ct).ConfigureAwait(false))[0];

    public async Task RecordAttemptAsync(OutboxAttempt attempt, CancellationToken ct = default)
    {
        await ch.InsertAsync("notification_attempts", [attempt], ct: ct).ConfigureAwait(false);
        changes?.Publish(DataKinds.Notifications, 1);
    }

    public async Task<IReadOnlyList<OutboxAttempt>> AttemptsAsync(string messageId, CancellationToken ct = default) =>
        await ch.QueryAsync<OutboxAttempt>("""
            SELECT message_id, attempt, at, outcome, error, duration_ms FROM notification_attempts
            WHERE message_id = {m:String} ORDER BY at, attempt
            """, new QueryParams { ["m"] = messageId }, ct).ConfigureAwait(false);

    /// <summary>The history: newest first, filtered.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> HistoryAsync(OutboxFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var p = new QueryParams
        {
            ["st"] = filter.Status ?? "", ["ch"] = filter.Channel ?? "", ["k"] = filter.Kind ?? "", ["q"] = filter.Text ?? "",
            ["from"] = filter.From ?? new DateOnly(1970, 1, 1), ["to"] = filter.To ?? new DateOnly(2299, 12, 31),
            ["limit"] = Math.Clamp(filter.Limit, 1, 1000),
        };
        return await ch.QueryAsync<OutboxMessage>(Latest("") + """
             WHERE ({st:String} = '' OR status = {st:String}) AND ({ch:String} = '' OR channel = {ch:String})
               AND ({k:String} = '' OR kind = {k:String})
               AND ({q:String} = '' OR positionCaseInsensitiveUTF8(concat(title, ' ', recipient, ' ', alert_key, ' ', error), {q:String}) > 0)
               AND toDate(created_at) >= {from:Date} AND toDate(created_at) <= {to:Date}
             ORDER BY created_at DESC, message_id LIMIT {limit:UInt32}
            """, p, ct).ConfigureAwait(false);
    }

    /// <summary>The channels that have messages (for the history's filter).</summary>
    public async Task<IReadOnlyList<string>> ChannelsAsync(CancellationToken ct = default) =>
        (await ch.QueryAsync<ChannelRow>("SELECT DISTINCT toString(channel) AS channel FROM notification_outbox ORDER BY channel", ct: ct).ConfigureAwait(false))
        .Select(r => r.Channel).ToList();

    private sealed record ChannelRow(string Channel);
}
