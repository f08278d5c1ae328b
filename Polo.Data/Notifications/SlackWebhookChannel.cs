using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Polo.Data.Notifications;

/// <summary>Posts an alert to a Slack incoming webhook as a Block Kit message: a header, the text with fields, and a
/// button linking to the explanation (the app's base URL + the alert's link).</summary>
public sealed class SlackWebhookChannel(HttpClient http, SlackRoute route, string baseUrl) : IAlertChannel
{
    public string Name => "slack:" + route.Name;

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
        var url = baseUrl.TrimEnd('/') + alert.Link;
        var fields = new JsonArray();
        foreach (var (label, value) in alert.Fields.Take(10))
            fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{Escape(label)}*\n{Escape(value)}" });
        return new JsonObject
        {
            ["text"] = $"{alert.Title} — {url}",
            ["blocks"] = new JsonArray
            {
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(alert.Title, 150) } },
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(Escape(alert.Text), 3000) },
                    ["fields"] = fields,
                },
                new JsonObject
                {
                    ["type"] = "actions",
                    ["elements"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["type"] = "button",
                            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Why? Open the explanation" },
                            ["url"] = url,
                            ["action_id"] = "open_explanation",
                        },
                    },
                },
            },
        };
    }

    /// <summary>Slack's three control characters in mrkdwn.</summary>
    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
