using System.Text.Json;
using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Tests.Fakes;
using static Polo.Testing.FakeCostExplorerAnswers;
using Regex = System.Text.RegularExpressions.Regex;

namespace Polo.Collection.Tests.Cost;

public sealed class CostExplorerCollectorTests : FreshDatabase
{
    private const string Target = "AWSInsightsIndexService.GetCostAndUsage";
    private static readonly DateTime Today = new(2025, 3, 10, 7, 30, 0, DateTimeKind.Utc);
    private static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    private static readonly Group[] Page1 =
    [
        new("2025-03-08", "111111111111", "Amazon Elastic Compute Cloud - Compute", "12.5", "48"),
        new("2025-03-08", "222222222222", "Amazon Elastic Block Store", "3.25"),
    ];
    private static readonly Group[] Page2 =
    [
        new("2025-03-09", "111111111111", "Amazon Elastic Compute Cloud - Compute", "13.75", "52"),
        new("2025-03-09", "111111111111", "Amazon Simple Storage Service", "0.123456"),
    ];

    private CostExplorerCollector Collector(FakeAwsJsonEndpoint endpoint) => new(Ch,
        new CostExplorerClient(new HttpClient(), Options(endpoint)), Options(endpoint), clock: () => Today);

    private static CostExplorerOptions Options(FakeAwsJsonEndpoint endpoint) =>
        new() { Enabled = true, ServiceUrl = endpoint.Url, LookbackDays = 3, MaxAttempts = 4, RetryBaseDelayMs = 5 };

    /// <summary>Answers page 1 without a token in the request and page 2 when the token comes back.</summary>
    private static FakeAwsResponse TwoPages(FakeAwsRequest r) =>
        JsonDocument.Parse(r.Body).RootElement.TryGetProperty("NextPageToken", out var t) && t.GetString() == "page-2"
            ? Page(Page2)
            : Page(Page1, "page-2");

    [Fact]
    public async Task Follows_pages_and_lands_exact_sums_signed_with_sigv4()
    {
        await using var ce = new FakeAwsJsonEndpoint(TwoPages);

        var outcome = await Collector(ce).RunAsync(Org, default);

        Assert.Equal(4, outcome.Rows);
        Assert.Equal(29.623456m, await SumCostAsync("source = 'cost-explorer'"));
        Assert.Equal(26.25m, await SumCostAsync("service = 'AmazonEC2' AND account_id = '111111111111' AND resource_id = '' AND usage_type = ''"));
        Assert.Equal(3.25m, await SumCostAsync("service = 'AmazonEBS' AND hour = '2025-03-08 00:00:00'"));
        Assert.Equal(0.123456m, await SumCostAsync("service = 'AmazonS3'"));

        var requests = ce.Requests.ToList();
        Assert.Equal(2, requests.Count);
        foreach (var r in requests)
        {
            Assert.Equal(Target, r.Target);
            Assert.Equal("application/x-amz-json-1.1", r.ContentType);
            Assert.Matches(new Regex(@"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/ce/aws4_request, " +
                @"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$"), r.Headers["Authorization"]);
            Assert.Matches(@"^\d{8}T\d{6}Z$", r.Headers["X-Amz-Date"]);
            Assert.True(FakeSigV4Verifier.IsValid(r, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "signature does not verify");
            Assert.False(FakeSigV4Verifier.IsValid(r, "some-other-secret"));
            var body = JsonDocument.Parse(r.Body).RootElement;
            Assert.Equal("2025-03-07", body.GetProperty("TimePeriod").GetProperty("Start").GetString());
            Assert.Equal("2025-03-10", body.GetProperty("TimePeriod").GetProperty("End").GetString());
            Assert.Equal("DAILY", body.GetProperty("Granularity").GetString());
            Assert.Equal(["UnblendedCost", "UsageQuantity"], body.GetProperty("Metrics").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(["LINKED_ACCOUNT", "SERVICE"], body.GetProperty("GroupBy").EnumerateArray().Select(g => g.GetProperty("Key").GetString()));
        }
        Assert.False(JsonDocument.Parse(requests[0].Body).RootElement.TryGetProperty("NextPageToken", out _));
        Assert.Equal("page-2", JsonDocument.Parse(requests[1].Body).RootElement.GetProperty("NextPageToken").GetString());
    }

    [Fact]
    public void The_signature_covers_the_body_and_names_the_ce_scope()
    {
        // Same request, same instant → same signature; a different body → a different one (the body hash is signed).
        static string Sign(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://ce.us-east-1.amazonaws.com/");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", Target);
            SigV4Signer.Sign(request, System.Text.Encoding.UTF8.GetBytes(body), "application/x-amz-json-1.1",
                new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null),
                "us-east-1", "ce", new DateTime(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc));
            return request.Headers.GetValues("Authorization").Single();
        }
        Assert.Equal(Sign("{}"), Sign("{}"));
        Assert.NotEqual(Sign("{}"), Sign("{\"a\":1}"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250310/us-east-1/ce/aws4_request", Sign("{}"));
    }

    [Fact]
    public async Task Session_credentials_sign_the_security_token_too()
    {
        await using var ce = new FakeAwsJsonEndpoint(_ => Page(Page1));
        var scope = Org with { Credentials = new SessionAWSCredentials("ASIAEXAMPLE", "session-secret", "the-session-token") };

        await Collector(ce).RunAsync(scope, default);

        var r = Assert.Single(ce.Requests);
        Assert.Equal("the-session-token", r.Headers["X-Amz-Security-Token"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", r.Headers["Authorization"]);
        Assert.True(FakeSigV4Verifier.IsValid(r, "session-secret"));
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff()
    {
        var calls = 0;
        await using var ce = new FakeAwsJsonEndpoint(r => ++calls switch
        {
            1 => Throttled(),
            2 => TooManyRequests(),
            3 => new FakeAwsResponse(503, """{"__type":"ServiceUnavailable","message":"try later"}"""),
            _ => Page(Page1),
        });

        var outcome = await Collector(ce).RunAsync(Org, default);

        Assert.Equal(4, ce.Count(Target));
        Assert.Equal(2, outcome.Rows);
        Assert.Equal(15.75m, await SumCostAsync());
    }

    [Fact]
    public async Task Throttling_beyond_the_attempt_limit_fails_clearly_and_writes_nothing()
    {
        await using var ce = new FakeAwsJsonEndpoint(_ => Throttled());

        var error = await Assert.ThrowsAsync<CostExplorerException>(() => Collector(ce).RunAsync(Org, default));

        Assert.Equal(4, ce.Count(Target));
        Assert.Contains("after 4 attempts", error.Message);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly"));
    }

    [Fact]
    public async Task Malformed_json_on_a_later_page_fails_and_writes_nothing()
    {
        await using var ce = new FakeAwsJsonEndpoint(r =>
            JsonDocument.Parse(r.Body).RootElement.TryGetProperty("NextPageToken", out _)
                ? new FakeAwsResponse(200, """{"ResultsByTime": [{"TimePeriod": {"Start": "2025-03-09" """)
                : Page(Page1, "page-2"));

        var error = await Assert.ThrowsAsync<CostExplorerException>(() => Collector(ce).RunAsync(Org, default));

        Assert.Contains("page 2 is not valid JSON", error.Message);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly"));
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_ingest_staging"));
    }

    [Fact]
    public async Task A_non_retryable_error_names_the_aws_error()
    {
        await using var ce = new FakeAwsJsonEndpoint(_ => new FakeAwsResponse(400,
            """{"__type":"com.amazonaws#AccessDeniedException","message":"User is not authorized to perform ce:GetCostAndUsage"}"""));

        var error = await Assert.ThrowsAsync<CostExplorerException>(() => Collector(ce).RunAsync(Org, default));

        Assert.Equal(1, ce.Count(Target));
        Assert.Contains("AccessDeniedException", error.Message);
        Assert.Contains("not authorized", error.Message);
    }

    [Fact]
    public async Task Re_runs_write_nothing_and_restatements_write_the_deltas()
    {
        var cost = "12.5";
        await using var ce = new FakeAwsJsonEndpoint(_ => Page([Page1[0] with { Cost = cost }, Page1[1]]));
        Assert.Equal(2, (await Collector(ce).RunAsync(Org, default)).Rows);

        var again = await Collector(ce).RunAsync(Org, default);
        cost = "14";
        var restated = await Collector(ce).RunAsync(Org, default);

        Assert.Equal(0, again.Rows);
        Assert.Equal(1, restated.Rows);
        Assert.Equal(17.25m, await SumCostAsync());
    }

    [Fact]
    public async Task Days_and_accounts_covered_by_cur_are_never_double_counted()
    {
        // CUR holds 2025-03-08 for account 111111111111 only.
        var folder = Directory.CreateTempSubdirectory("polo-cur-").FullName;
        try
        {
            await using var ce = new FakeAwsJsonEndpoint(TwoPages);
            // 1) Cost Explorer first: all four groups land.
            Assert.Equal(4, (await Collector(ce).RunAsync(Org, default)).Rows);

            // 2) CUR arrives for 03-08 / 111111111111: the Cost Explorer amount for that day and account is reversed.
            CurFiles.WriteCsv(Path.Combine(folder, "cur.csv"),
            [
                new("2025-03-08T05:00:00Z", "111111111111", "us-east-1", "AmazonEC2", "BoxUsage:r5.xlarge", "i-0aaa", "0.252", "1"),
            ]);
            var cur = await new CurCollector(Ch, new CurOptions { Folder = folder }).RunAsync(Org, default);
            Assert.Equal(2, cur.Rows); // one CUR line + one reversal of the Cost Explorer group
            Assert.Equal(0m, await SumCostAsync("source = 'cost-explorer' AND toDate(hour) = '2025-03-08' AND account_id = '111111111111'"));

            // 3) Cost Explorer again: that day and account stay CUR's; the rest is unchanged.
            var rerun = await Collector(ce).RunAsync(Org, default);
            Assert.Equal(0, rerun.Rows);
            Assert.Equal(0.252m, await SumCostAsync("toDate(hour) = '2025-03-08' AND account_id = '111111111111'"));
            Assert.Equal(3.25m + 13.75m + 0.123456m + 0.252m, await SumCostAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Disabled_by_default_and_then_calls_nothing()
    {
        await using var ce = new FakeAwsJsonEndpoint(TwoPages);
        var options = new CostExplorerOptions { ServiceUrl = ce.Url };

        var outcome = await new CostExplorerCollector(Ch, new CostExplorerClient(new HttpClient(), options), options).RunAsync(Org, default);

        Assert.Equal(0, outcome.Rows);
        Assert.Empty(ce.Requests);
    }
}
