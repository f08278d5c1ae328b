using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Polo.Data.Notifications;

/// <summary>How the notifier delivers: the default cooldown per channel and series, and retries with backoff
/// (<see cref="RetryBase"/> × 4^(attempt − 1), at most <see cref="RetryMax"/>, <see cref="MaxAttempts"/> tries).</summary>
public sealed record DeliveryOptions(TimeSpan Cooldown, int MaxAttempts = 5, TimeSpan? RetryBase = null, TimeSpan? RetryMax = null)
{
    public TimeSpan Backoff(int attempt)
    {
        var b = (RetryBase ?? TimeSpan.FromSeconds(30)).TotalMilliseconds * Math.Pow(4, Math.Max(0, attempt - 1));
        return TimeSpan.FromMilliseconds(Math.Min(b, (RetryMax ?? TimeSpan.FromHours(2)).TotalMilliseconds));
    }
}

/// <summary>
/// The outbox notifier. <see cref="NotifyAsync"/> stores one message per alert and channel that wants it (never a
/// second one: the message id is the alert's key and the channel) BEFORE anything is sent — or a held-back one when
/// the channel sent the same series within its cooldown — and then delivers what is due. Delivering claims a message
/// (status sending, attempt + 1), sends it, and marks it delivered; a failure is retried with backoff, then marked
/// failed. A message still "sending" when a process starts was cut off by a crash: it is resent once (its receiver
/// may get it twice, never three times); if that resend is cut off too it is marked uncertain and not sent again.
/// Runs one at a time.
/// </summary>
public sealed class AlertNotifier(Outbox outbox, IEnumerable<IAlertChannel> channels, DeliveryOptions options,
    TimeProvider? time = null, ILogger<AlertNotifier>? log = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _log = (ILogger?)log ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IReadOnlyList<IAlertChannel> _channels = channels.ToList();
    private bool _recovered;

    public bool HasChannels => _channels.Count > 0;

    public IReadOnlyList<IAlertChannel> Channels => _channels;

    /// <summary>Stores the alerts' messages, then delivers every due message; returns how many were delivered.</summary>
    public async Task<int> NotifyAsync(IReadOnlyList<Alert> alerts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RecoverAsync(ct).ConfigureAwait(false);
            await EnqueueAsync(alerts, ct).ConfigureAwait(false);
            return await DeliverDueCoreAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Delivers the messages that are due (new ones and retries whose backoff has passed).</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await RecoverAsync(ct).ConfigureAwait(false);
            return await DeliverDueCoreAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnqueueAsync(IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        foreach (var channel in _channels)
        {
            var wanted = alerts.Where(a => channel.Wants(a) && (a.Channels is not { Count: > 0 } only || only.Contains(channel.Name, StringComparer.OrdinalIgnoreCase)))
                .DistinctBy(a => a.Key).ToList();
            if (wanted.Count == 0) continue;
            var existing = await outbox.LatestAsync(wanted.Select(a => OutboxMessage.IdOf(a.Key, channel.Name)).ToList(), ct).ConfigureAwait(false);
            var queuedNow = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            var rows = new List<OutboxMessage>();
            foreach (var alert in wanted)
            {
                var id = OutboxMessage.IdOf(alert.Key, channel.Name);
                if (existing.ContainsKey(id)) continue;
                var now = _time.GetUtcNow().UtcDateTime;
                var cooldown = alert.Cooldown ?? channel.Cooldown ?? options.Cooldown;
                var last = queuedNow.TryGetValue(alert.SeriesKey, out var q) ? q
                    : cooldown > TimeSpan.Zero ? await outbox.LastActiveAsync(channel.Name, alert.SeriesKey, ct).ConfigureAwait(false) : null;
                var held = last is { } l && now - l < cooldown;
                if (!held) queuedNow[alert.SeriesKey] = now;
                rows.Add(new OutboxMessage(id, alert.Key, channel.Name, channel.Recipient, alert.Kind, alert.Severity, alert.SeriesKey, alert.Title,
                    alert.Link, StoredAlert.Write(alert), held ? OutboxStatus.Cooldown : OutboxStatus.Pending, 0, 0, now,
                    held ? $"held back: {channel.Name} sent {alert.SeriesKey} at {last:yyyy-MM-dd HH:mm} UTC, within its {cooldown.TotalMinutes:0}-minute cooldown" : "",
                    now, default));
            }
            await outbox.WriteAsync(rows, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Once per notifier (per process): messages a crash left "sending" are resent once, or marked uncertain.</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        if (_recovered) return;
        var cut = await outbox.InStatusAsync([OutboxStatus.Sending], ct).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var m in cut)
        {
            var again = m.CrashResends == 0;
            _log.LogWarning("Message {Message} was being sent when the process stopped; {Action}", m.MessageId,
                again ? "it is sent once more" : "its one resend was cut off too, so it is marked uncertain and not sent again");
            await outbox.WriteAsync(m with
            {
                Status = again ? OutboxStatus.Pending : OutboxStatus.Uncertain,
                CrashResends = (byte)(m.CrashResends + 1),
                NextAttemptAt = now,
                Error = again ? "cut off by a restart while sending; resent once" : "cut off twice by a restart while sending; may or may not have arrived",
            }, ct).ConfigureAwait(false);
            await outbox.RecordAttemptAsync(new OutboxAttempt(m.MessageId, m.Attempts, now, again ? "resent_after_crash" : OutboxStatus.Uncertain,
                "the process stopped during this attempt", 0), ct).ConfigureAwait(false);
        }
        _recovered = true;
    }

    private async Task<int> DeliverDueCoreAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var due = (await outbox.InStatusAsync([OutboxStatus.Pending, OutboxStatus.Retrying], ct).ConfigureAwait(false))
            .Where(m => m.NextAttemptAt <= now).ToList();
        var delivered = 0;
        foreach (var message in due)
        {
            ct.ThrowIfCancellationRequested();
            var channel = _channels.FirstOrDefault(c => c.Name == message.Channel);
            if (channel is null) continue; // kept pending until the channel is configured again: never lost
            var attempt = (ushort)(message.Attempts + 1);
            var claimed = await outbox.WriteAsync(message with { Status = OutboxStatus.Sending, Attempts = attempt }, ct).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            string? error = null;
            try
            {
                await channel.SendAsync(message.ToAlert(), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw; // stopping: the message stays "sending" and is resent once after the restart
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = e.Message;
                _log.LogWarning(e, "Sending {Message} failed (attempt {Attempt})", message.MessageId, attempt);
            }
            var at = _time.GetUtcNow().UtcDateTime;
            var ms = (uint)Math.Min(uint.MaxValue, watch.ElapsedMilliseconds);
            if (error is null)
            {
                await outbox.WriteAsync(claimed with { Status = OutboxStatus.Delivered, Error = "" }, CancellationToken.None).ConfigureAwait(false);
                await outbox.RecordAttemptAsync(new OutboxAttempt(message.MessageId, attempt, at, OutboxStatus.Delivered, "", ms), CancellationToken.None).ConfigureAwait(false);
                delivered++;
                continue;
            }
            var last = attempt >= options.MaxAttempts;
            await outbox.WriteAsync(claimed with
            {
                Status = last ? OutboxStatus.Failed : OutboxStatus.Retrying,
                NextAttemptAt = last ? at : at + options.Backoff(attempt),
                Error = error,
            }, CancellationToken.None).ConfigureAwait(false);
            await outbox.RecordAttemptAsync(new OutboxAttempt(message.MessageId, attempt, at, OutboxStatus.Failed, error, ms), CancellationToken.None).ConfigureAwait(false);
        }
        return delivered;
    }

    public void Dispose() => _gate.Dispose();
}
