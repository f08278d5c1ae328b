using Microsoft.Extensions.Configuration;
using Polo.Collection.Alerts;

namespace Polo.Collection.Tests.Alerts;

public sealed class AlertsOptionsTests
{
    [Fact]
    public void The_digest_schedule_is_a_weekly_utc_cron()
    {
        Assert.Equal("0 0 8 ? * MON", new DigestOptions().Cron());
        Assert.Equal("0 0 17 ? * FRI", new DigestOptions { Day = DayOfWeek.Friday, Hour = 17 }.Cron());
        Assert.Throws<ArgumentException>(() => new DigestOptions { Hour = 24 }.Cron());
    }

    [Fact]
    public void Routes_with_problems_are_reported_for_every_channel_kind()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:Slack:0:Name"] = "s", ["Alerts:Slack:0:WebhookUrl"] = "not a url",
            ["Alerts:Email:0:Name"] = "e", ["Alerts:Email:0:To:0"] = "nobody",
            ["Alerts:Webhooks:0:Name"] = "w", ["Alerts:Webhooks:0:Url"] = "https://hooks.example.test/x", ["Alerts:Webhooks:0:Secret"] = "short",
            ["Alerts:Digest:Day"] = "Friday", ["Alerts:Digest:Hour"] = "17",
        }).Build();
        var options = new AlertsOptions();
        config.GetSection(AlertsOptions.Section).Bind(options);
        var problems = AlertsServiceCollectionExtensions.Problems(options).ToList();
        Assert.Contains(problems, p => p.Contains("Slack route 's': WebhookUrl", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'nobody' is not an email address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Webhook route 'w': Secret", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Alerts:Smtp:Host is not set", StringComparison.Ordinal));
        Assert.Equal((DayOfWeek.Friday, 17), (options.Digest.Day, options.Digest.Hour));
    }
}
