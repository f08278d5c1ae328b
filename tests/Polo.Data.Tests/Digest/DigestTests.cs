using System.Text;
using MimeKit;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Budgets;
using Polo.Data.Digest;
using Polo.Data.Notifications;

namespace Polo.Data.Tests.Digest;

/// <summary>The weekly digest on the 90-day demo: its figures match the cost queries to the cent, unexplained dollars
/// come first, every item links to a view, and it is emailed and posted once per week and channel.</summary>
public sealed class DigestTests(Demo90Estate demo) : IClassFixture<Demo90Estate>
{
    private static readonly DateOnly Last = DateOnly.FromDateTime(Demo90Estate.End.AddDays(-1));

    private DigestBuilder Builder(out ICostQueries costs, out IDeltaDecomposer decomposer)
    {
        decomposer = new Polo.Data.Analysis.Decomposition.DeltaDecomposer(demo.Ch);
        costs = new Polo.Data.Analysis.Costs.CostQueries(demo.Ch, decomposer);
        return new DigestBuilder(costs, decomposer, new AnomalyDetector(demo.Ch), new BudgetStore(demo.Ch), new BudgetEvaluator(costs));
    }

    [Fact]
    public async Task The_digest_has_the_weeks_cost_and_change_unexplained_first_and_links_everywhere()
    {
        var builder = Builder(out var costs, out var decomposer);
        await new BudgetStore(demo.Ch).SaveAsync(new Budget("", "Organisation", "", BudgetPeriod.Monthly, 500_000m), new Polo.Data.Access.Actor("test", Polo.Data.Access.Roles.Operator));
        var digest = await builder.BuildAsync();
        Assert.NotNull(digest);
        var week = TimeRange.Create(Last.AddDays(-6).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Demo90Estate.End);
        var before = week.Previous();
        var total = await costs.TotalAsync(week);
        var d = await decomposer.DecomposeAsync(before, week);
        Assert.Equal($"digest|{Last.AddDays(-6):yyyy-MM-dd}", digest.Key);
        Assert.Contains(total.ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture), digest.Title, StringComparison.Ordinal);
        Assert.Contains(d.Unexplained.ToString("+$#,##0.00;-$#,##0.00;$0.00", System.Globalization.CultureInfo.InvariantCulture), digest.Text, StringComparison.Ordinal);
        Assert.Equal(["Unexplained first", "Top movers and their causes", "Biggest causes", "New anomalies", "Budgets"], digest.Sections.Select(s => s.Heading));
        Assert.NotEmpty(digest.Sections[1].Items);
        Assert.Contains(digest.Sections[4].Items, i => i.Text.StartsWith("Organisation:", StringComparison.Ordinal) && i.Link.StartsWith("/budgets?budget=", StringComparison.Ordinal));
        Assert.All(digest.Sections.SelectMany(s => s.Items), i => Assert.Matches("^/(explain|delta|budgets)\\?", i.Link));
        Assert.All(digest.Sections[1].Items, i => Assert.Contains("&node=", i.Link, StringComparison.Ordinal));
        Assert.All(digest.Sections[3].Items, i => Assert.Contains("bdays=", i.Link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_digest_goes_once_per_week_by_email_and_webhook()
    {
        using var smtp = new LoopbackSmtp();
        using var hook = new LoopbackWebhook();
        var digest = (await Builder(out _, out _).BuildAsync(Last))!;
        var email = new EmailChannel(new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Tls = "none", From = "polo@example.test" },
            new EmailRoute { Name = "digest", To = ["team@example.test"], Kinds = [Alert.DigestKind] }, "http://polo.test");
        var webhook = new WebhookChannel(new HttpClient(), new WebhookRoute { Name = "digest", Url = hook.Url, Secret = "digest-secret-0123456789", Kinds = [Alert.DigestKind] }, "http://polo.test");
        var anomaliesOnly = new WebhookChannel(new HttpClient(), new WebhookRoute { Name = "anomalies", Url = hook.Url, Secret = "digest-secret-0123456789" }, "http://polo.test");
        for (var run = 0; run < 2; run++)
        {
            using var notifier = new AlertNotifier(new Outbox(demo.Ch), [email, webhook, anomaliesOnly], new DeliveryOptions(TimeSpan.Zero));
            await notifier.NotifyAsync([digest]);
        }
        var mail = Assert.Single(smtp.Messages);
        using var mime = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mail.Data)));
        Assert.Equal(digest.Title, mime.Subject);
        Assert.Contains("Unexplained first", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2>Top movers and their causes</h2>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://polo.test/delta?", mime.HtmlBody, StringComparison.Ordinal);
        var posted = Assert.Single(hook.Received); // the anomaly-only route does not get the digest
        Assert.Contains("\"kind\":\"digest\"", posted.Body, StringComparison.Ordinal);
    }

}
