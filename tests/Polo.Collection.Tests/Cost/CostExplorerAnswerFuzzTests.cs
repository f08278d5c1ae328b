using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Cost.Tagging;
using Polo.Collection.Tests.Fixtures;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Xunit.Abstractions;
using static Polo.Testing.FakeCostExplorerAnswers;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// Issue 11, deliverable 7: valid GetCostAndUsage answers (LINKED_ACCOUNT × SERVICE, and the official SERVICE × TAG
/// example) mutated and fed to the real collector and ledger. Invariant: a refused answer leaves storage byte-for-byte
/// unchanged and nothing staged; an accepted one leaves the ledger holding exactly the answer's amount for every key it
/// names (a key named twice is not a valid answer), and every other key exactly as before. Seeded, and
/// exactly <see cref="Iterations"/> answers (no wall-clock budget: a loaded machine runs the same cases, only slower).
/// </summary>
public sealed class CostExplorerAnswerFuzzTests(MigratedDatabase db, ITestOutputHelper output) : IClassFixture<MigratedDatabase>
{
    private const int Iterations = 60;
    private static readonly DateTime Today = new(2025, 3, 10, 7, 30, 0, DateTimeKind.Utc);
    private static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
    private IClickHouse Ch => db.Ch;

    private sealed record Base(string Answer, string[] GroupBy);

    private static readonly Base[] Bases =
    [
        new(Page(
        [
            new("2025-03-07", "111111111111", "Amazon Elastic Compute Cloud - Compute", "12.5", "24"),
            new("2025-03-07", "222222222222", "Amazon Simple Storage Service", "0.0000300172", "9312771.098461578"),
            new("2025-03-09", "111111111111", "Amazon Elastic Compute Cloud - Compute", "13.25", "24"),
            new("2025-03-09", "111111111111", "EC2 - Other", "-1.5"),
        ]).Body, []),
        new(OfficialExampleOn("2025-03-08"), ["SERVICE", "TAG:Environment"]),
    ];

    /// <summary>The official SERVICE × TAG example (aws-cli), moved onto one day of the window.</summary>
    private static string OfficialExampleOn(string day)
    {
        var json = JsonNode.Parse(AwsFixtures.Read("ce-service-by-environment-tag.json"))!;
        json["ResultsByTime"]![0]!["TimePeriod"]!["Start"] = day;
        json["ResultsByTime"]![0]!["TimePeriod"]!["End"] = DateOnly.Parse(day, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return json.ToJsonString();
    }

    private CostExplorerCollector Collector(string answer, string[] groupBy)
    {
        var endpoint = new FakeAwsJsonEndpoint(_ => new FakeAwsResponse(200, answer));
        _endpoints.Add(endpoint);
        var options = new CostExplorerOptions
        {
            Enabled = true, ServiceUrl = endpoint.Url, LookbackDays = 3, MaxAttempts = 1, RetryBaseDelayMs = 1, GroupBy = groupBy.ToList(),
        };
        return new CostExplorerCollector(Ch, new CostExplorerClient(new HttpClient(), options), options, clock: () => Today);
    }

    private readonly List<FakeAwsJsonEndpoint> _endpoints = [];

    private sealed record HoldingRow(string Day, string AccountId, string Service, Dictionary<string, string> BilledTags, decimal Cost);

    private static string Key(string day, string account, string service, IReadOnlyDictionary<string, string> tags) =>
        $"{day}|{account}|{service}|" + string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private async Task<Dictionary<string, decimal>> HoldingsAsync() => (await Ch.QueryAsync<HoldingRow>("""
            SELECT toString(toDate(hour)) AS day, toString(account_id) AS account_id, toString(service) AS service, billed_tags,
                   toDecimal64(sum(cost), 6) AS cost
            FROM cost_hourly WHERE source = 'cost-explorer'
            GROUP BY day, account_id, service, billed_tags
            """)).ToDictionary(h => Key(h.Day, h.AccountId, h.Service, h.BilledTags), h => h.Cost);

    /// <summary>What an accepted answer says, read independently of the parser: ledger key → amount (two Cost Explorer
    /// services can share a ledger service, e.g. "EC2 - Other"), or null when the answer names a group twice.</summary>
    private static Dictionary<string, decimal>? Expected(string answer)
    {
        var root = JsonNode.Parse(answer)!;
        var definitions = root["GroupDefinitions"]!.AsArray().Select(d => ((string)d!["Type"]!, (string)d["Key"]!)).ToList();
        var expected = new Dictionary<string, decimal>();
        var groups = new HashSet<string>();
        foreach (var result in root["ResultsByTime"]!.AsArray())
        {
            var day = ((string)result!["TimePeriod"]!["Start"]!)[..10];
            foreach (var group in result["Groups"]?.AsArray() ?? [])
            {
                string account = "", service = "";
                var tags = new Dictionary<string, string>();
                var keys = group!["Keys"]!.AsArray();
                for (var i = 0; i < definitions.Count; i++)
                {
                    var value = (string)keys[i]!;
                    if (definitions[i].Item1 == "TAG") tags[definitions[i].Item2] = value[(definitions[i].Item2.Length + 1)..];
                    else if (definitions[i].Item2 == "LINKED_ACCOUNT") account = value;
                    else if (definitions[i].Item2 == "SERVICE") service = CostVocabulary.ExplorerService(value);
                }
                var amount = Math.Round(decimal.Parse((string)group["Metrics"]!["UnblendedCost"]!["Amount"]!, NumberStyles.Float, CultureInfo.InvariantCulture), 6);
                if (!groups.Add(day + "|" + keys.ToJsonString())) return null;
                var key = Key(day, account, service, tags);
                expected[key] = expected.GetValueOrDefault(key) + amount;
            }
        }
        return expected;
    }

    /// <summary>Amounts no bill holds: past what the ledger's Decimal(18, 6) can carry, or past decimal itself.</summary>
    private static readonly string[] OddAmounts = ["123456789012345678.123456789", "1e15", "-1e13", "79228162514264337593543950335", "0.0000001"];

    /// <summary>First each base with one amount replaced by an odd one, then random mutations.</summary>
    private static IEnumerable<(Base Base, string Answer)> Mutations(PayloadMutator mutator)
    {
        foreach (var b in Bases)
            foreach (var amount in OddAmounts)
            {
                var json = JsonNode.Parse(b.Answer)!;
                json["ResultsByTime"]![0]!["Groups"]![0]!["Metrics"]!["UnblendedCost"]!["Amount"] = amount;
                yield return (b, json.ToJsonString());
            }
        while (true)
        {
            var b = mutator.Pick(Bases);
            yield return (b, mutator.MutateJson(b.Answer));
        }
    }

    [Fact]
    public async Task Mutated_answers_never_lose_or_invent_ledger_amounts()
    {
        try
        {
            foreach (var b in Bases) await Collector(b.Answer, b.GroupBy).RunAsync(Org, default);
            Assert.Equal(5, (await HoldingsAsync()).Count); // EC2 compute and "EC2 - Other" are one ledger service

            var clock = Stopwatch.StartNew();
            int refused = 0, accepted = 0, i = 0;
            foreach (var (b, answer) in Mutations(new PayloadMutator(20261203)))
            {
                if (++i > Iterations) break;
                var before = await HoldingsAsync();
                var fingerprint = await StorageFingerprint.OfAsync(Ch);

                try
                {
                    await Collector(answer, b.GroupBy).RunAsync(Org, default);
                }
                catch (CostExplorerException e)
                {
                    refused++;
                    Assert.DoesNotContain("   at ", e.Message);
                    Assert.Equal(fingerprint, await StorageFingerprint.OfAsync(Ch));
                    Assert.Equal(0, await Ch.ScalarAsync<long>("SELECT count() FROM cost_ingest_staging"));
                    continue;
                }
                accepted++;
                var expected = Expected(answer);
                Assert.True(expected is not null, $"an answer naming a key twice was accepted: {answer}");
                var after = await HoldingsAsync();
                foreach (var (key, amount) in expected!) Assert.Equal((key, amount), (key, after.GetValueOrDefault(key)));
                foreach (var (key, amount) in before.Where(k => !expected!.ContainsKey(k.Key)))
                    Assert.Equal((key, amount), (key, after.GetValueOrDefault(key)));           // nothing lost
                Assert.All(after.Where(k => !expected!.ContainsKey(k.Key) && !before.ContainsKey(k.Key)),
                    k => Assert.Equal(0m, k.Value));                                           // nothing invented
            }
            output.WriteLine($"{refused} refused, {accepted} accepted in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(Iterations, refused + accepted);
            Assert.True(refused > 0 && accepted > 0, $"refused {refused}, accepted {accepted}");
        }
        finally
        {
            foreach (var e in _endpoints) await e.DisposeAsync();
        }
    }
}
