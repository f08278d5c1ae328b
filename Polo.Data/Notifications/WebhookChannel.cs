using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Polo.Data.Notifications;

/// <summary>
/// Posts an alert as JSON to any endpoint. Headers: <c>X-Polo-Delivery</c> (the alert's key: the same on a resend, so a
/// receiver can drop a duplicate), <c>X-Polo-Timestamp</c> (Unix seconds) and <c>X-Polo-Signature: sha256=HEX</c>, the
/// HMAC-SHA256 with the route's secret of <c>"{timestamp}.{body}"</c> (UTF-8): receivers recompute it over the raw body
/// and compare in constant time, and refuse old timestamps.
/// </summary>
public sealed class WebhookChannel(HttpClient http, WebhookRoute route, string baseUrl, TimeProvider? time = null) : IAlertChannel
{
    public const string SignatureHeader = "X-Polo-Signature";
    public const string TimestampHeader = "X-Polo-Timestamp";
    public const string DeliveryHeader = "X-Polo-Delivery";

    public string Name => "webhook:" + route.Name;

    public string Recipient => Uri.TryCreate(route.Url, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Path) : route.Url;

    public TimeSpan? Cooldown => route.Cooldown;

    public bool Wants(Alert alert) => route.Wants(alert);

    public async Task SendAsync(Alert alert, CancellationToken ct = default)
    {
        var body = Body(alert, baseUrl).ToJsonString();
        var timestamp = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, route.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(DeliveryHeader, alert.Key);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Signature(route.Secret, timestamp, body));
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 200)]}");
        }
    }

    /// <summary><c>sha256=</c> + lowercase hex of HMAC-SHA256(secret, timestamp + "." + body).</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant();

    public static JsonObject Body(Alert alert, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var fields = new JsonObject();
        foreach (var (label, value) in alert.Fields) fields[label] = value;
        var sections = new JsonArray();
        foreach (var s in alert.Sections)
        {
            var items = new JsonArray();
            foreach (var i in s.Items)
                items.Add(new JsonObject { ["text"] = i.Text, ["value"] = i.Value, ["url"] = i.Link == "" ? null : AlertText.Absolute(baseUrl, i.Link) });
            sections.Add(new JsonObject { ["heading"] = s.Heading, ["items"] = items });
        }
        return new JsonObject
        {
            ["id"] = alert.Key,
            ["kind"] = alert.Kind,
            ["severity"] = alert.Severity,
            ["series"] = alert.SeriesKey,
            ["title"] = alert.Title,
            ["text"] = alert.Text,
            ["url"] = AlertText.Absolute(baseUrl, alert.Link),
            ["fields"] = fields,
            ["sections"] = sections,
        };
    }
}
