using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Polo.Data.Notifications;

/// <summary>Posts an alert to a Slack incoming webhook as a Block Kit message: a header, the text with fields, the
/// digest's sections, and a button linking to the explanation (the app's base URL + the alert's link).</summary>
public sealed class SlackWebhookChannel(HttpClient http, SlackRoute route, string baseUrl) : IAlertChannel
{
    public string Name => "slack:" + route.Name;

    /// <summary>The webhook's host only: the path of a Slack webhook URL is its secret.</summary>
    public string Recipient => Uri.TryCreate(route.WebhookUrl, UriKind.Absolute, out var u) ? "Slack " + u.Authority : "Slack";

    public TimeSpan? Cooldown => route.Cooldown;

    public bool Wants(Alert alert) => route.Wants(alert);

    public async Task SendAsync(Alert alert, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(route.WebhookUrl, Message(alert, baseUrl), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new HttpRequestException($"Slack answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
        }
    }

    /// <summary>The Block Kit payload (also the fallback <c>text</c> for notifications).</summary>
    public static JsonObject Message(Alert alert, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var url = AlertText.Absolute(baseUrl, alert.Link);
        var fields = new JsonArray();
        foreach (var (label, value) in alert.Fields.Take(10))
            fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(label)}*\n{Escape(value)}" });
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Truncate(Escape(alert.Text), 3000)) };
        if (fields.Count > 0) section["fields"] = fields;
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(alert.Title, 150) } },
            section,
        };
        foreach (var s in alert.Sections)
        {
            var lines = s.Items.Count == 0 ? ["_none_"] : s.Items.Select(i => "• " + Item(i, baseUrl)).ToList();
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Truncate($"*{Escape(s.Heading)}*\n" + string.Join("\n", lines), 3000)) });
        }
        blocks.Add(new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = alert.Kind == Alert.DigestKind ? "Open in Polo" : "Why? Open the explanation" },
                    ["url"] = url,
                    ["action_id"] = "open_explanation",
                },
            },
        });
        return new JsonObject { ["text"] = $"{alert.Title} — {url}", ["blocks"] = blocks };
    }

    private static string Item(AlertItem i, string baseUrl)
    {
        var text = Escape(i.Text) + (i.Value == "" ? "" : " — " + Escape(i.Value));
        return i.Link == "" ? text : $"<{AlertText.Absolute(baseUrl, i.Link)}|{text.Replace("|", "¦", StringComparison.Ordinal)}>";
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Slack's three control characters in mrkdwn.</summary>
    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
