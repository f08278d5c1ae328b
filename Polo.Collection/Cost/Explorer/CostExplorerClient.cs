using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Polo.Collection.Aws;

namespace Polo.Collection.Cost.Explorer;

/// <summary>
/// Calls Cost Explorer's GetCostAndUsage over HTTPS (AWSSDK.CostExplorer is not available): JSON 1.1 protocol,
/// SigV4-signed, following NextPageToken and retrying throttling (HTTP 429, 5xx, or 400 with ThrottlingException /
/// LimitExceededException) with exponential backoff.
/// </summary>
public sealed class CostExplorerClient(HttpClient http, CostExplorerOptions options, ILogger? logger = null)
{
    public const string Target = "AWSInsightsIndexService.GetCostAndUsage";
    public const string ContentType = "application/x-amz-json-1.1";
    private const string SigningService = "ce";

    /// <summary>All groups for [start, end), every page read before returning (so a bad page means nothing is used).
    /// A group listed twice (same period and keys, on one page or two) refuses the answer: summing it would double-count.</summary>
    public async Task<IReadOnlyList<CostExplorerGroup>> GetCostAndUsageAsync(DateTime start, DateTime end,
        ImmutableCredentials credentials, CancellationToken ct)
    {
        var hourly = string.Equals(options.Granularity, "HOURLY", StringComparison.OrdinalIgnoreCase);
        var query = new CostExplorerQuery(start, end, hourly, CostExplorerGroupBy.FromOptions(options.GroupBy));
        var format = hourly ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd";
        var groups = new List<CostExplorerGroup>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (var page = 1; ; page++)
        {
            if (page > options.MaxPages)
                throw new CostExplorerException($"Cost Explorer returned more than {options.MaxPages} pages; stopping.");
            var body = new Dictionary<string, object?>
            {
                ["TimePeriod"] = new Dictionary<string, string>
                {
                    ["Start"] = start.ToString(format, CultureInfo.InvariantCulture),
                    ["End"] = end.ToString(format, CultureInfo.InvariantCulture),
                },
                ["Granularity"] = hourly ? "HOURLY" : "DAILY",
                ["Metrics"] = CostExplorerQuery.Metrics,
                ["GroupBy"] = query.GroupBy.Select(g => new Dictionary<string, string> { ["Type"] = g.Type, ["Key"] = g.Key }).ToArray(),
            };
            if (token is not null) body["NextPageToken"] = token;
            var json = await SendAsync(JsonSerializer.SerializeToUtf8Bytes(body), credentials, page, ct);
            var parsed = CostExplorerResponseParser.Parse(json, page, query);
            foreach (var g in parsed.Groups)
                if (!seen.Add(g.Identity))
                    throw new CostExplorerException($"Cost Explorer page {page} is malformed: the group {g.Describe()} is listed twice " +
                                                    "(summing it would double-count). Nothing from this run was written.");
            groups.AddRange(parsed.Groups);
            token = parsed.NextPageToken;
            if (token is null) return groups;
        }
    }

    private async Task<string> SendAsync(byte[] body, ImmutableCredentials credentials, int page, CancellationToken ct)
    {
        var attempts = Math.Max(1, options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.ServiceUrl);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            request.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
            SigV4Signer.Sign(request, body, ContentType, credentials, options.SigningRegion, SigningService, DateTime.UtcNow);

            string reason;
            try
            {
                using var response = await http.SendAsync(request, ct);
                var text = System.Text.Encoding.UTF8.GetString(
                    await BoundedResponse.ReadAsync(response.Content, options.MaxResponseBytes, max => TooLarge(page, max), ct));
                if (response.IsSuccessStatusCode) return text;
                var (type, message) = ErrorOf(text);
                if (!IsRetryable(response.StatusCode, type))
                    throw new CostExplorerException(
                        $"Cost Explorer refused page {page}: HTTP {(int)response.StatusCode} {type ?? ""} {message ?? ""}".TrimEnd());
                reason = $"HTTP {(int)response.StatusCode} {type}".TrimEnd();
            }
            catch (HttpRequestException e)
            {
                reason = e.Message;
            }

            if (attempt >= attempts)
                throw new CostExplorerException($"Cost Explorer page {page} still failing after {attempts} attempts ({reason}).");
            var delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs * Math.Pow(2, attempt - 1));
            logger?.LogWarning("Cost Explorer page {Page} attempt {Attempt} failed ({Reason}); retrying in {Delay}", page, attempt, reason, delay);
            await Task.Delay(delay, ct);
        }
    }

    private static CostExplorerException TooLarge(int page, long max) =>
        new($"Cost Explorer page {page} is larger than {max:N0} bytes (Collection:CostExplorer:MaxResponseBytes); nothing was written.");

    private static bool IsRetryable(HttpStatusCode status, string? type) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500
        || type is not null && (type.EndsWith("ThrottlingException", StringComparison.Ordinal)
                                || type.EndsWith("LimitExceededException", StringComparison.Ordinal));

    /// <summary>AWS JSON errors: {"__type":"com.amazonaws...#ThrottlingException","message":"..."}.</summary>
    private static (string? Type, string? Message) ErrorOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            string? Get(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var type = Get("__type");
            var hash = type?.LastIndexOf('#') ?? -1;
            if (hash >= 0) type = type![(hash + 1)..];
            return (type, Get("message") ?? Get("Message"));
        }
        catch (JsonException)
        {
            return (null, body.Length > 200 ? body[..200] : body);
        }
    }
}
