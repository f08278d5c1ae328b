using System.Text;
using System.Text.Json.Nodes;
using MimeKit;
using Polo.Data.Notifications;

namespace Polo.Data.Tests.Notifications;

/// <summary>Email over SMTP against a loopback SMTP sink and the JSON webhook against a loopback receiver: content,
/// HMAC signature, retries after a refused delivery, exactly once across a restart.</summary>
public sealed class EmailAndWebhookTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string Secret = "0123456789abcdef-secret";

    private static Alert Sample(string key) =>
        new("violation|" + key, Alert.ViolationKind, "high", "nat-data-daily|nat-1", "Rule broken: NAT data at most 1,000 GB a day — nat-1 2,400 on 2026-10-27",
            "NAT data at most 1,000 GB a day: nat-1 was 2,400 on 2026-10-27 (Tuesday) <b>&</b>.", "/rules?rule=nat-data-daily&violation=x",
            [("Rule", "NAT data at most 1,000 GB a day"), ("Value", "2,400")])
        {
            Sections = [new AlertSection("Resources", [new AlertItem("nat-1", "2,400", "/resources/nat-1")])],
        };

    private static EmailChannel Email(LoopbackSmtp smtp, string name) => new(
        new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Tls = "none", Username = "polo", Password = "pw", From = "Polo <polo@example.test>" },
        new EmailRoute { Name = name, To = ["finops@example.test", "cto@example.test"], MinSeverity = "medium" }, "http://polo.test");

    private static WebhookChannel Webhook(LoopbackWebhook hook) =>
        new(new HttpClient(), new WebhookRoute { Name = "ops", Url = hook.Url, Secret = Secret, MinSeverity = "medium" }, "http://polo.test");

    private static AlertNotifier Notifier(IClickHouse ch, params IAlertChannel[] channels) =>
        new(new Outbox(ch), channels, new DeliveryOptions(TimeSpan.Zero, RetryBase: TimeSpan.Zero));

    [Fact]
    public async Task Email_has_a_plain_text_and_an_html_part_with_the_links_and_goes_exactly_once_across_a_restart()
    {
        using var smtp = new LoopbackSmtp();
        var alert = Sample("email-once");
        using (var first = Notifier(db.Ch, Email(smtp, "finops"))) Assert.Equal(1, await first.NotifyAsync([alert]));
        using (var restarted = Notifier(db.Ch, Email(smtp, "finops"))) Assert.Equal(0, await restarted.NotifyAsync([alert]));

        var received = Assert.Single(smtp.Messages);
        Assert.Equal("polo@example.test", received.From);
        Assert.Equal(["finops@example.test", "cto@example.test"], received.To);
        using var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        Assert.Equal(alert.Title, mime.Subject);
        Assert.Equal(alert.Key, mime.Headers["X-Polo-Alert"]);
        Assert.Equal("multipart/alternative", mime.Body!.ContentType.MimeType);
        Assert.Contains("NAT data at most 1,000 GB a day: nat-1 was 2,400", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("- nat-1 — 2,400 <http://polo.test/resources/nat-1>", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Open in Polo: http://polo.test/rules?rule=nat-data-daily&violation=x", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://polo.test/resources/nat-1\">nat-1</a>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&amp;&lt;/b&gt;", mime.HtmlBody, StringComparison.Ordinal); // text is escaped, never markup
        var stored = await new Outbox(db.Ch).GetAsync(OutboxMessage.IdOf(alert.Key, "email:finops"));
        Assert.Equal(("finops@example.test, cto@example.test", OutboxStatus.Delivered), (stored!.Recipient, stored.Status));
    }

    [Fact]
    public async Task A_refused_email_is_retried_and_then_delivered_once()
    {
        using var smtp = new LoopbackSmtp { FailNext = 1 };
        using var notifier = Notifier(db.Ch, Email(smtp, "retry"));
        var alert = Sample("email-retry");
        Assert.Equal(0, await notifier.NotifyAsync([alert]));
        Assert.Equal(1, smtp.Refused);
        var m = await new Outbox(db.Ch).GetAsync(OutboxMessage.IdOf(alert.Key, "email:retry"));
        Assert.Equal(OutboxStatus.Retrying, m!.Status);
        Assert.Contains("451", m.Error, StringComparison.Ordinal);
        Assert.Equal(1, await notifier.DeliverDueAsync());
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task The_webhook_body_is_signed_with_hmac_and_retried_after_a_failure()
    {
        using var hook = new LoopbackWebhook { FailNext = 2 };
        using var notifier = Notifier(db.Ch, Webhook(hook));
        var alert = Sample("hook-signed");
        Assert.Equal(0, await notifier.NotifyAsync([alert]));
        Assert.Equal(0, await notifier.DeliverDueAsync());
        Assert.Equal(1, await notifier.DeliverDueAsync());
        Assert.Equal(2, hook.Refused);
        Assert.Equal(0, await notifier.NotifyAsync([alert]));

        var request = Assert.Single(hook.Received);
        var timestamp = request.Headers[WebhookChannel.TimestampHeader];
        var expected = "sha256=" + Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + request.Body))).ToLowerInvariant();
        Assert.Equal(expected, request.Headers[WebhookChannel.SignatureHeader]);
        Assert.NotEqual(WebhookChannel.Signature("another-secret-0000", timestamp, request.Body), request.Headers[WebhookChannel.SignatureHeader]);
        Assert.NotEqual(WebhookChannel.Signature(Secret, timestamp, request.Body + " "), request.Headers[WebhookChannel.SignatureHeader]);
        Assert.Equal(alert.Key, request.Headers[WebhookChannel.DeliveryHeader]);

        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal(alert.Key, (string?)body["id"]);
        Assert.Equal("violation", (string?)body["kind"]);
        Assert.Equal("http://polo.test/rules?rule=nat-data-daily&violation=x", (string?)body["url"]);
        Assert.Equal("2,400", (string?)body["fields"]!["Value"]);
        Assert.Equal("http://polo.test/resources/nat-1", (string?)body["sections"]![0]!["items"]![0]!["url"]);
        var attempts = await new Outbox(db.Ch).AttemptsAsync(OutboxMessage.IdOf(alert.Key, "webhook:ops"));
        Assert.Equal([OutboxStatus.Failed, OutboxStatus.Failed, OutboxStatus.Delivered], attempts.Select(a => a.Outcome));
    }
}
