using System.Globalization;
using System.Text.Json;

namespace Polo.Testing;

/// <summary>GetCostAndUsage answers in Cost Explorer's wire format (grouped by LINKED_ACCOUNT, SERVICE).</summary>
public static class FakeCostExplorerAnswers
{
    public sealed record Group(string Day, string Account, string Service, string Cost, string Usage = "1");

    public static FakeAwsResponse Page(IEnumerable<Group> groups, string? nextPageToken = null)
    {
        var byDay = groups.GroupBy(g => g.Day).Select(d => new Dictionary<string, object?>
        {
            ["TimePeriod"] = new Dictionary<string, string>
            {
                ["Start"] = d.Key,
                ["End"] = DateOnly.Parse(d.Key, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            ["Total"] = new Dictionary<string, object>(),
            ["Groups"] = d.Select(g => new Dictionary<string, object>
            {
                ["Keys"] = new[] { g.Account, g.Service },
                ["Metrics"] = new Dictionary<string, object>
                {
                    ["UnblendedCost"] = new Dictionary<string, string> { ["Amount"] = g.Cost, ["Unit"] = "USD" },
                    ["UsageQuantity"] = new Dictionary<string, string> { ["Amount"] = g.Usage, ["Unit"] = "N/A" },
                },
            }).ToList(),
            ["Estimated"] = false,
        }).ToList();
        var body = new Dictionary<string, object?>
        {
            ["GroupDefinitions"] = new[]
            {
                new Dictionary<string, string> { ["Type"] = "DIMENSION", ["Key"] = "LINKED_ACCOUNT" },
                new Dictionary<string, string> { ["Type"] = "DIMENSION", ["Key"] = "SERVICE" },
            },
            ["ResultsByTime"] = byDay,
            ["DimensionValueAttributes"] = Array.Empty<object>(),
        };
        if (nextPageToken is not null) body["NextPageToken"] = nextPageToken;
        return new FakeAwsResponse(200, JsonSerializer.Serialize(body));
    }

    public static FakeAwsResponse Throttled() =>
        new(400, """{"__type":"com.amazonaws.awsinsightsindexservice#ThrottlingException","message":"Rate exceeded"}""");

    public static FakeAwsResponse TooManyRequests() => new(429, """{"__type":"TooManyRequestsException","message":"slow down"}""");
}
