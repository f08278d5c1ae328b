using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Tests.Fakes;
using Polo.Collection.Tests.Fixtures;
using static Polo.Testing.FakeCostExplorerAnswers;

namespace Polo.Collection.Tests.Cost;

/// <summary>Issue 11, deliverable 2: keys are read through GroupDefinitions, periods and metrics must match the call,
/// and a refused answer reverses nothing.</summary>
public sealed class CostExplorerAnswerTests : FreshDatabase
{
    private static readonly DateTime Today = new(2025, 3, 10, 7, 30, 0, DateTimeKind.Utc);
    private static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

    private CostExplorerCollector Collector(FakeAwsJsonEndpoint endpoint, params string[] groupBy)
    {
        var options = new CostExplorerOptions
        {
            Enabled = true, ServiceUrl = endpoint.Url, LookbackDays = 3, MaxAttempts = 1, RetryBaseDelayMs = 1, GroupBy = groupBy.ToList(),
        };
        return new CostExplorerCollector(Ch, new CostExplorerClient(new HttpClient(), options), options, clock: () => Today);
    }

    /// <summary>The official SERVICE × TAG example (aws-cli), moved onto one day of our window.</summary>
    private static string OfficialExampleOn(string day, string? end = null)
    {
        var json = JsonNode.Parse(AwsFixtures.Read("ce-service-by-environment-tag.json"))!;
        var period = json["ResultsByTime"]![0]!["TimePeriod"]!;
        period["Start"] = day;
        period["End"] = end ?? DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return json.ToJsonString();
    }

    private static CostExplorerQuery Query(params CostExplorerGroupBy[] groupBy) =>
        new(new DateTime(2025, 3, 7, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc), false, groupBy);

    private static readonly CostExplorerGroupBy Service = new("DIMENSION", "SERVICE");
    private static readonly CostExplorerGroupBy Environment = new("TAG", "Environment");

    [Fact]
    public void The_official_service_by_tag_example_maps_keys_by_their_definitions()
    {
        var page = CostExplorerResponseParser.Parse(OfficialExampleOn("2025-03-08"), 1, Query(Service, Environment));

        Assert.Equal(2, page.Groups.Count);
        Assert.All(page.Groups, g => Assert.Equal(("", "Amazon Simple Storage Service"), (g.AccountId, g.Service)));
        Assert.Equal(("", 40.3543773134m), (page.Groups[0].Tags!["Environment"], page.Groups[0].UnblendedCost)); // untagged bucket
        Assert.Equal(("Dev", 0.2682364644m), (page.Groups[1].Tags!["Environment"], page.Groups[1].UnblendedCost));
    }

    [Fact]
    public void The_official_example_as_published_is_a_monthly_lump_and_is_refused_in_a_daily_window()
    {
        var monthly = AwsFixtures.Read("ce-service-by-environment-tag.json");
        var query = new CostExplorerQuery(new DateTime(2017, 9, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 10, 1, 0, 0, 0, DateTimeKind.Utc), false, [Service, Environment]);

        var e = Assert.Throws<CostExplorerException>(() => CostExplorerResponseParser.Parse(monthly, 1, query));

        Assert.Contains("is not one day long", e.Message);
    }

    [Fact]
    public async Task Tag_groups_land_as_billed_tags_and_the_untagged_bucket_stays_apart()
    {
        await using var ce = new FakeAwsJsonEndpoint(_ => new FakeAwsResponse(200, OfficialExampleOn("2025-03-08")));

        var outcome = await Collector(ce, "SERVICE", "TAG:Environment").RunAsync(Org, default);

        Assert.Equal(2, outcome.Rows);
        Assert.Equal(40.354377m, await SumCostAsync("billed_tags['Environment'] = '' AND mapContains(billed_tags, 'Environment')"));
        Assert.Equal(0.268236m, await SumCostAsync("billed_tags['Environment'] = 'Dev'"));
        Assert.Equal(2, await CountAsync("SELECT count() FROM cost_hourly WHERE service = 'AmazonS3' AND account_id = ''"));
        var request = JsonDocument.Parse(Assert.Single(ce.Requests).Body).RootElement.GetProperty("GroupBy");
        Assert.Equal(["DIMENSION:SERVICE", "TAG:Environment"],
            request.EnumerateArray().Select(g => $"{g.GetProperty("Type").GetString()}:{g.GetProperty("Key").GetString()}"));
        Assert.Equal(0, (await Collector(ce, "SERVICE", "TAG:Environment").RunAsync(Org, default)).Rows);
    }

    [Fact]
    public async Task Keys_are_read_by_definition_not_position()
    {
        // The same groups with the definitions (and keys) in the other order.
        var body = JsonNode.Parse(Page([new Group("2025-03-08", "111111111111", "Amazon Elastic Block Store", "3.25")]).Body)!;
        body["GroupDefinitions"] = JsonNode.Parse("""[{"Type":"DIMENSION","Key":"SERVICE"},{"Type":"DIMENSION","Key":"LINKED_ACCOUNT"}]""");
        body["ResultsByTime"]![0]!["Groups"]![0]!["Keys"] = JsonNode.Parse("""["Amazon Elastic Block Store","111111111111"]""");
        await using var ce = new FakeAwsJsonEndpoint(_ => new FakeAwsResponse(200, body.ToJsonString()));

        await Collector(ce).RunAsync(Org, default);

        Assert.Equal(3.25m, await SumCostAsync("account_id = '111111111111' AND service = 'AmazonEBS'"));
    }

    public static TheoryData<string, string, string> RefusedAnswers => new()
    {
        { "period before the window", OfficialExampleOn("2025-03-01"), "lies outside the requested window" },
        { "period after the window", OfficialExampleOn("2025-03-10"), "lies outside the requested window" },
        { "monthly lump", OfficialExampleOn("2025-03-07", "2025-03-10"), "is not one day long" },
        { "no definitions", OfficialExampleOn("2025-03-08").Replace("GroupDefinitions", "Other", StringComparison.Ordinal), "no GroupDefinitions" },
        { "other definitions", OfficialExampleOn("2025-03-08").Replace("\"Environment\"", "\"Team\"", StringComparison.Ordinal), "are not the groupings asked for" },
        { "tag key prefix", OfficialExampleOn("2025-03-08").Replace("Environment$Dev", "Team$Dev", StringComparison.Ordinal), "does not start with 'Environment$'" },
        { "three keys", OfficialExampleOn("2025-03-08").Replace("\"Environment$\"", "\"Environment$\", \"x\"", StringComparison.Ordinal), "3 Keys for 2 GroupDefinitions" },
        { "missing metric", OfficialExampleOn("2025-03-08").Replace("\"UnblendedCost\"", "\"OtherCost\"", StringComparison.Ordinal), "has no UnblendedCost metric" },
        { "group listed twice", WithFirstGroupTwice(OfficialExampleOn("2025-03-08")), "[Amazon Simple Storage Service, Environment$] of 2025-03-08 00:00 is listed twice" },
        { "cost beyond the ledger", OfficialExampleOn("2025-03-08").Replace("40.3543773134", "1234567890123.5", StringComparison.Ordinal), "1234567890123.5 is beyond what the ledger can hold" },
    };

    private static string WithFirstGroupTwice(string answer)
    {
        var json = JsonNode.Parse(answer)!;
        var groups = json["ResultsByTime"]![0]!["Groups"]!.AsArray();
        groups.Add(groups[0]!.DeepClone());
        return json.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(RefusedAnswers))]
    public async Task An_answer_that_does_not_match_the_call_is_refused_and_nothing_is_reversed(string name, string refused, string expected)
    {
        Assert.NotEmpty(name);
        var answer = OfficialExampleOn("2025-03-08");
        await using var ce = new FakeAwsJsonEndpoint(_ => new FakeAwsResponse(200, answer));
        await Collector(ce, "SERVICE", "TAG:Environment").RunAsync(Org, default);
        var held = await SumCostAsync();

        answer = refused;
        var e = await Assert.ThrowsAsync<CostExplorerException>(() => Collector(ce, "SERVICE", "TAG:Environment").RunAsync(Org, default));

        Assert.Contains(expected, e.Message);
        Assert.Contains("Nothing from this run was written", e.Message);
        Assert.Equal(held, await SumCostAsync());
        Assert.Equal(40.622613m, held);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_ingest_staging"));
    }

    [Fact]
    public async Task Bad_grouping_settings_are_refused_before_any_call()
    {
        await using var ce = new FakeAwsJsonEndpoint(_ => Page([]));

        var e = await Assert.ThrowsAsync<CostExplorerException>(() => Collector(ce, "SERVICE", "LINKED_ACCOUNT", "REGION").RunAsync(Org, default));
        var e2 = await Assert.ThrowsAsync<CostExplorerException>(() => Collector(ce, "INSTANCE_TYPE").RunAsync(Org, default));

        Assert.Contains("Cost Explorer allows two", e.Message);
        Assert.Contains("is not one of", e2.Message);
        Assert.Empty(ce.Requests);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_refused()
    {
        var huge = Page([new Group("2025-03-08", "111111111111", new string('x', 40_000), "1")]);
        await using var ce = new FakeAwsJsonEndpoint(_ => huge);
        var options = new CostExplorerOptions { Enabled = true, ServiceUrl = ce.Url, LookbackDays = 3, MaxAttempts = 1, MaxResponseBytes = 20_000 };

        var e = await Assert.ThrowsAsync<CostExplorerException>(() =>
            new CostExplorerCollector(Ch, new CostExplorerClient(new HttpClient(), options), options, clock: () => Today).RunAsync(Org, default));

        Assert.Contains("larger than 20,000 bytes", e.Message);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly"));
    }
}
