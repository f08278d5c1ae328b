using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Anomalies;

/// <summary>
/// A CUR file with a spike lands (the cur collector's Run now): the open dashboard shows the anomaly without a reload,
/// the Slack webhook gets exactly one message for it, and the message's link opens the explanation whose top cause is
/// the injected resource.
/// </summary>
[Collection(PoloAppCollection.Name)]
public sealed class SpikeAlertTests(PoloAppFixture app)
{
    private const string Account = "100000000013"; // test-integration
    private const string AccountName = "test-integration";
    private const string ResourceId = "i-0spike00000000001";
    private const decimal SpikeCost = 1234.00m;

    [Fact]
    public async Task A_spike_in_a_cur_file_is_alerted_once_shown_live_and_explained()
    {
        await using var dashboard = await app.OpenAsync("/");
        await dashboard.WaitForLoadedAsync();
        var panel = dashboard.Page.GetByTestId("dashboard-anomalies");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel).Not.ToContainTextAsync(AccountName);
        var urlBefore = dashboard.Page.Url;

        var hour = app.LastDataDay.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        File.WriteAllText(Path.Combine(app.CurFolder, "spike-00001.csv"),
            CurFiles.OneLine("li-spike-1", hour, Account, "BoxUsage:p4d.24xlarge", ResourceId, SpikeCost));
        await using (var collectors = await app.OpenAsync("/collectors"))
        {
            var row = collectors.Page.Locator("tr").Filter(new() { Has = collectors.Page.GetByTestId("collector-name").GetByText("cur", new() { Exact = true }) });
            await row.GetByTestId("run-now").ClickAsync();
            await Expect(collectors.Page.GetByText(new Regex(@"^cur finished: [1-9][0-9]* rows written\.$"))).ToBeVisibleAsync();
        }

        // Live: the panel shows the account's anomaly without reloading the dashboard.
        await Expect(panel.GetByTestId("anomaly-series").Filter(new() { HasText = AccountName })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Equal(urlBefore, dashboard.Page.Url);

        // Slack: exactly one message for it, also after further evaluations (the job runs again on every landing).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !app.Slack.Messages.Any(Mentions)) await Task.Delay(250);
        await Task.Delay(3000);
        var messages = app.Slack.Messages.Where(Mentions).ToList();
        var message = Assert.Single(messages);
        Assert.Equal(app.Slack.Messages.Count, app.Slack.Messages.Select(m => m.ToJsonString()).Distinct().Count());
        var url = (string?)message["blocks"]!.AsArray()[^1]!["elements"]![0]!["url"];
        Assert.NotNull(url);
        Assert.StartsWith(app.BaseUrl + "/explain?", url, StringComparison.Ordinal);

        // Email and the signed webhook got exactly one message each too; /notifications lists all three as delivered.
        Assert.Single(app.Smtp.Messages, m => m.Data.Contains(AccountName, StringComparison.Ordinal));
        var hook = Assert.Single(app.Webhook.Received, r => r.Body.Contains(AccountName, StringComparison.Ordinal));
        Assert.Equal(Polo.Data.Notifications.WebhookChannel.Signature(PoloAppFixture.WebhookSecret, hook.Headers["X-Polo-Timestamp"], hook.Body),
            hook.Headers["X-Polo-Signature"]);
        await using (var history = await app.OpenAsync("/notifications?q=" + AccountName))
        {
            await history.WaitForLoadedAsync();
            await Expect(history.Page.Locator("[data-testid=notification][data-status=delivered]")).ToHaveCountAsync(3);
            await Shots.SaveAsync(history, "notifications-after-spike");
        }

        // The link opens the explanation of that spike: its top explained cause is the injected resource's launch.
        await using var explain = await app.OpenAsync(new Uri(url).PathAndQuery);
        await explain.WaitForLoadedAsync();
        var top = explain.Page.Locator("[data-testid=cause-row]:not([data-cause=unexplained])").First;
        await Expect(top).ToHaveAttributeAsync("data-cause", "launched");
        await Expect(top.GetByTestId("cause-amount")).ToContainTextAsync("$1,234.00");
        await top.GetByTestId("cause-toggle").ClickAsync();
        await Expect(top.Locator($"[data-testid=cause-resource][data-resource='{ResourceId}']")).ToHaveCountAsync(1);
        await explain.AssertNoErrorUiAsync();
        await Shots.SaveAsync(dashboard, "dashboard-anomaly-live");
        await Shots.SaveAsync(explain, "anomaly-explanation");
    }

    private static bool Mentions(System.Text.Json.Nodes.JsonObject m) => m.ToJsonString().Contains(AccountName, StringComparison.Ordinal);
}
