using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polo.Data.Notifications;

namespace Polo.Data.Tests.Notifications;

/// <summary>The outbox: stored before sending, marked on delivery, retried with backoff, resent at most once after a
/// crash (a process stopping mid-send: its cancellation token fires inside the channel, nothing after the send runs).</summary>
public sealed class OutboxDeliveryTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static Alert Sample(string key, string series = "account|1") =>
        new("anomaly|" + key, Alert.AnomalyKind, "critical", series, $"Critical cost anomaly {key}", "Cost rose.", "/explain?from=2026-10-22&to=2026-10-22",
            [("Impact", "+191.07")]);

    private static SlackWebhookChannel Slack(LoopbackSlack slack, string name = "finops") =>
        new(new HttpClient(), new SlackRoute { Name = name, WebhookUrl = slack.Url, MinSeverity = "medium" }, "http://polo.test");

    /// <summary>A channel in front of another that "crashes the process" before or after the real send: it cancels the
    /// process's token and throws, as a shutdown would, so nothing after the send is written.</summary>
    private sealed class Crashing(IAlertChannel inner, CancellationTokenSource process, bool afterSend) : IAlertChannel
    {
        public string Name => inner.Name;
        public bool Wants(Alert alert) => inner.Wants(alert);

        public async Task SendAsync(Alert alert, CancellationToken ct = default)
        {
            if (afterSend) await inner.SendAsync(alert, ct);
            await process.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }

    private static AlertNotifier Notifier(IClickHouse ch, IAlertChannel channel, TimeProvider? time = null, int maxAttempts = 5) =>
        new(new Outbox(ch), [channel], new DeliveryOptions(TimeSpan.Zero, maxAttempts, TimeSpan.FromMinutes(1)), time);

    [Fact]
    public async Task The_message_is_stored_before_it_is_sent()
    {
        using var slack = new LoopbackSlack();
        var outbox = new Outbox(db.Ch);
        var seen = new List<string>();
        var probe = new Probe(Slack(slack), async a => seen.Add((await outbox.GetAsync(OutboxMessage.IdOf(a.Key, "slack:finops")))?.Status ?? "missing"));
        using var notifier = new AlertNotifier(outbox, [probe], new DeliveryOptions(TimeSpan.Zero));
        Assert.Equal(1, await notifier.NotifyAsync([Sample("stored-first")]));
        Assert.Equal([OutboxStatus.Sending], seen); // stored and claimed before the channel ran
        var stored = await outbox.GetAsync(OutboxMessage.IdOf("anomaly|stored-first", "slack:finops"));
        Assert.Equal(OutboxStatus.Delivered, stored!.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.StartsWith("Slack 127.0.0.1:", stored.Recipient, StringComparison.Ordinal);
    }

    private sealed class Probe(IAlertChannel inner, Func<Alert, Task> before) : IAlertChannel
    {
        public string Name => inner.Name;
        public string Recipient => inner.Recipient;
        public bool Wants(Alert alert) => inner.Wants(alert);

        public async Task SendAsync(Alert alert, CancellationToken ct = default)
        {
            await before(alert);
            await inner.SendAsync(alert, ct);
        }
    }

    [Fact]
    public async Task A_crash_before_slack_answered_sends_exactly_one_message_after_the_restart()
    {
        using var slack = new LoopbackSlack();
        var alert = Sample("crash-before");
        using (var process = new CancellationTokenSource())
        using (var first = Notifier(db.Ch, new Crashing(Slack(slack), process, afterSend: false)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.NotifyAsync([alert], process.Token));
        Assert.Empty(slack.Messages);
        var stored = await new Outbox(db.Ch).GetAsync(OutboxMessage.IdOf(alert.Key, "slack:finops"));
        Assert.Equal(OutboxStatus.Sending, stored!.Status); // never lost: stored, claimed, cut off

        using var restarted = Notifier(db.Ch, Slack(slack));
        Assert.Equal(1, await restarted.NotifyAsync([alert])); // the detector finds it again: not a second message
        Assert.Equal(0, await restarted.NotifyAsync([alert]));
        using var again = Notifier(db.Ch, Slack(slack));
        Assert.Equal(0, await again.NotifyAsync([alert]));
        Assert.Single(slack.Messages);
        var attempts = await new Outbox(db.Ch).AttemptsAsync(stored.MessageId);
        Assert.Equal(["resent_after_crash", OutboxStatus.Delivered], attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task A_crash_after_slack_answered_resends_at_most_once_also_when_the_resend_crashes()
    {
        using var slack = new LoopbackSlack();
        var alert = Sample("crash-after");
        using (var process = new CancellationTokenSource())
        using (var first = Notifier(db.Ch, new Crashing(Slack(slack), process, afterSend: true)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.NotifyAsync([alert], process.Token));
        Assert.Single(slack.Messages); // Slack got it; the process died before marking it

        // The restart resends it once — and crashes again after Slack answered.
        using (var process = new CancellationTokenSource())
        using (var second = Notifier(db.Ch, new Crashing(Slack(slack), process, afterSend: true)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.NotifyAsync([alert], process.Token));
        Assert.Equal(2, slack.Messages.Count);

        // A third process never sends it again: at most one resend after a crash.
        using var third = Notifier(db.Ch, Slack(slack));
        Assert.Equal(0, await third.NotifyAsync([alert]));
        Assert.Equal(2, slack.Messages.Count);
        var stored = await new Outbox(db.Ch).GetAsync(OutboxMessage.IdOf(alert.Key, "slack:finops"));
        Assert.Equal(OutboxStatus.Uncertain, stored!.Status);
    }

    [Fact]
    public async Task A_failure_is_retried_with_backoff_then_given_up_and_shown()
    {
        using var slack = new LoopbackSlack { Status = HttpStatusCode.InternalServerError };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        using var notifier = Notifier(db.Ch, Slack(slack), time, maxAttempts: 3);
        var alert = Sample("retry-backoff");
        var id = OutboxMessage.IdOf(alert.Key, "slack:finops");
        var outbox = new Outbox(db.Ch);

        Assert.Equal(0, await notifier.NotifyAsync([alert]));
        var m = await outbox.GetAsync(id);
        Assert.Equal((OutboxStatus.Retrying, (ushort)1), (m!.Status, m.Attempts));
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddMinutes(1), m.NextAttemptAt); // first backoff: 1 minute
        Assert.Contains("Slack answered 500", m.Error, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await notifier.DeliverDueAsync()); // not due yet: no attempt
        Assert.Equal(1, (await outbox.GetAsync(id))!.Attempts);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await notifier.DeliverDueAsync());
        m = await outbox.GetAsync(id);
        Assert.Equal(2, m!.Attempts);
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddMinutes(4), m.NextAttemptAt); // then 4 minutes

        slack.Status = HttpStatusCode.OK;
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(1, await notifier.DeliverDueAsync());
        Assert.Equal(OutboxStatus.Delivered, (await outbox.GetAsync(id))!.Status);
        Assert.Single(slack.Messages);
        var attempts = await outbox.AttemptsAsync(id);
        Assert.Equal([OutboxStatus.Failed, OutboxStatus.Failed, OutboxStatus.Delivered], attempts.Select(a => a.Outcome));

        // A message that keeps failing is marked failed after the last try and never lost from the history.
        slack.Status = HttpStatusCode.InternalServerError;
        var doomed = Sample("retry-doomed", series: "account|2");
        await notifier.NotifyAsync([doomed]);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await notifier.DeliverDueAsync();
        }
        var failed = await outbox.GetAsync(OutboxMessage.IdOf(doomed.Key, "slack:finops"));
        Assert.Equal((OutboxStatus.Failed, (ushort)3), (failed!.Status, failed.Attempts));
        Assert.Contains(await outbox.HistoryAsync(new OutboxFilter(Status: OutboxStatus.Failed)), h => h.MessageId == failed.MessageId);
    }

    [Fact]
    public async Task Each_channel_has_its_own_cooldown_and_an_alert_can_pick_its_channels()
    {
        using var slackA = new LoopbackSlack();
        using var slackB = new LoopbackSlack();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var quiet = new SlackWebhookChannel(new HttpClient(), new SlackRoute { Name = "quiet", WebhookUrl = slackA.Url, MinSeverity = "medium", CooldownMinutes = 600 }, "http://polo.test");
        var chatty = new SlackWebhookChannel(new HttpClient(), new SlackRoute { Name = "chatty", WebhookUrl = slackB.Url, MinSeverity = "medium", CooldownMinutes = 0 }, "http://polo.test");
        using var notifier = new AlertNotifier(new Outbox(db.Ch), [quiet, chatty], new DeliveryOptions(TimeSpan.FromHours(1)), time);
        await notifier.NotifyAsync([Sample("cool-1", "service|S")]);
        time.Advance(TimeSpan.FromHours(2));
        await notifier.NotifyAsync([Sample("cool-2", "service|S")]);
        Assert.Single(slackA.Messages); // 10-hour cooldown holds the second back
        Assert.Equal(2, slackB.Messages.Count); // no cooldown
        var held = await new Outbox(db.Ch).GetAsync(OutboxMessage.IdOf("anomaly|cool-2", "slack:quiet"));
        Assert.Equal(OutboxStatus.Cooldown, held!.Status);

        await notifier.NotifyAsync([Sample("only-chatty", "service|T") with { Channels = ["slack:chatty"] }]);
        Assert.Single(slackA.Messages);
        Assert.Equal(3, slackB.Messages.Count);
    }
}
