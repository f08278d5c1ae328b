using System.Net;
using Polo.Data.Anomalies;
using Polo.Data.Notifications;

namespace Polo.Data.Tests.Notifications;

public sealed class SlackAlertTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateOnly Day = new(2026, 10, 22);

    private static Anomaly Sample(string key = "100000000007", AnomalySeverity severity = AnomalySeverity.Critical, string dim = AnomalyDimensions.Account) =>
        new(Anomaly.IdOf(dim, key, Day), dim, key, "prod-data-pipeline", Day, 228.56m, 37.49m, 5m, 38.2, severity,
            AnomalyDetector.BaselineDays(Day, new AnomalySettings()));

    private static (AlertNotifier, SlackRoute) Notifier(Outbox state, LoopbackSlack slack, string minSeverity = "high", TimeSpan? cooldown = null, List<string>? dims = null)
    {
        var route = new SlackRoute { Name = "finops", WebhookUrl = slack.Url, MinSeverity = minSeverity, Dimensions = dims ?? [] };
        var http = new HttpClient();
        return (new AlertNotifier(state, [new SlackWebhookChannel(http, route, "http://polo.test")], new DeliveryOptions(cooldown ?? TimeSpan.Zero, RetryBase: TimeSpan.Zero)), route);
    }

    [Fact]
    public async Task A_block_kit_message_links_to_the_explanation_and_is_sent_exactly_once_across_restarts()
    {
        using var slack = new LoopbackSlack();
        var state = new Outbox(db.Ch);
        var alert = AnomalyAlerts.ToAlert(Sample("acct-once"));
        var (first, _) = Notifier(state, slack);
        Assert.Equal(1, await first.NotifyAsync([alert]));
        Assert.Equal(0, await first.NotifyAsync([alert]));
        var (afterRestart, _) = Notifier(new Outbox(db.Ch), slack); // a new process reads the stored sent state
        Assert.Equal(0, await afterRestart.NotifyAsync([alert]));

        var message = Assert.Single(slack.Messages);
        var blocks = message["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.StartsWith("Critical cost anomaly: account prod-data-pipeline +191.07", (string?)blocks[0]!["text"]!["text"], StringComparison.Ordinal);
        var url = (string?)blocks[2]!["elements"]![0]!["url"];
        // 2026-10-22 is a Thursday: the baseline is the 7 weekdays before it (Oct 13–21, skipping the weekend).
        Assert.Equal("http://polo.test/explain?from=2026-10-22&to=2026-10-22&bfrom=2026-10-13&bto=2026-10-21" +
                     "&bdays=2026-10-13,2026-10-14,2026-10-15,2026-10-16,2026-10-19,2026-10-20,2026-10-21", url);
    }

    [Fact]
    public async Task Routing_by_severity_and_dimension_and_the_cooldown_per_series()
    {
        using var slack = new LoopbackSlack();
        var state = new Outbox(db.Ch);
        var (critical, _) = Notifier(state, slack, minSeverity: "critical", dims: [AnomalyDimensions.Account]);
        Assert.Equal(0, await critical.NotifyAsync([AnomalyAlerts.ToAlert(Sample("acct-route", AnomalySeverity.High))]));
        Assert.Equal(0, await critical.NotifyAsync([AnomalyAlerts.ToAlert(Sample("svc", dim: AnomalyDimensions.Service))]));
        Assert.Empty(slack.Messages);

        using var slack2 = new LoopbackSlack();
        var (cooled, _) = Notifier(state, slack2, cooldown: TimeSpan.FromHours(6));
        var today = AnomalyAlerts.ToAlert(Sample("acct-cool"));
        var tomorrow = today with { Key = today.Key + "-next" }; // same series, another anomaly
        Assert.Equal(1, await cooled.NotifyAsync([today]));
        Assert.Equal(0, await cooled.NotifyAsync([tomorrow]));
        Assert.Single(slack2.Messages);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried()
    {
        using var slack = new LoopbackSlack { Status = HttpStatusCode.InternalServerError };
        var state = new Outbox(db.Ch);
        var (notifier, _) = Notifier(state, slack);
        var alert = AnomalyAlerts.ToAlert(Sample("acct-retry"));
        Assert.Equal(0, await notifier.NotifyAsync([alert]));
        slack.Status = HttpStatusCode.OK;
        Assert.Equal(1, await notifier.NotifyAsync([alert]));
        Assert.Single(slack.Messages);
    }
}
