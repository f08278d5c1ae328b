using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Polo.Data.Notifications;

/// <summary>
/// Sends each alert once per channel that wants it: alerts with a stored sent state are skipped, an alert of a series the
/// channel sent within the cooldown is recorded as held back (and never sent later), a failed delivery is logged and
/// tried again on the next run. Runs one at a time.
/// </summary>
public sealed class AlertNotifier(SentState state, IEnumerable<IAlertChannel> channels, TimeSpan cooldown, ILogger<AlertNotifier>? log = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;
    private readonly IReadOnlyList<IAlertChannel> _channels = channels.ToList();

    public bool HasChannels => _channels.Count > 0;

    /// <summary>Returns how many messages were delivered.</summary>
    public async Task<int> NotifyAsync(IReadOnlyList<Alert> alerts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var sent = 0;
            foreach (var channel in _channels)
            {
                var wanted = alerts.Where(channel.Wants).ToList();
                var done = await state.DoneAsync(channel.Name, wanted.Select(a => a.Key).ToList(), ct).ConfigureAwait(false);
                foreach (var alert in wanted.Where(a => !done.Contains(a.Key)))
                {
                    var now = DateTime.UtcNow;
                    if (await state.LastSentAsync(channel.Name, alert.SeriesKey, ct).ConfigureAwait(false) is { } last && now - last < cooldown)
                    {
                        await state.RecordAsync(channel.Name, alert, "cooldown", now, ct).ConfigureAwait(false);
                        continue;
                    }
                    try
                    {
                        await channel.SendAsync(alert, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
                    {
                        _log.LogWarning(e, "Sending alert {Alert} to {Channel} failed; it is tried again next run", alert.Key, channel.Name);
                        continue;
                    }
                    await state.RecordAsync(channel.Name, alert, "sent", now, ct).ConfigureAwait(false);
                    sent++;
                }
            }
            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
