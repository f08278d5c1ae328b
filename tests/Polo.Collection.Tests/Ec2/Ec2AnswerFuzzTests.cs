using System.Globalization;
using Polo.Collection.Runs;
using Polo.Collection.Tests.Fixtures;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;

namespace Polo.Collection.Tests.Ec2;

/// <summary>
/// Issue 11, deliverable 7: valid DescribeInstances answers (the fake estate's, and botocore's captured one) mutated
/// (truncated, wrong root, random bytes, huge values, odd launch times) and fed to the real collector. Invariant: a
/// refused answer leaves storage byte-for-byte unchanged; an accepted one stores no instance and no launch time its
/// text does not name (nothing invented) and removes a stored one only with a deleted event (nothing lost silently).
/// Bounded: a fixed seed, exactly <see cref="Iterations"/> answers (no wall-clock budget: a loaded machine runs the same cases, only slower).
/// </summary>
public sealed class Ec2AnswerFuzzTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const int Iterations = 24; // each of the six mutation kinds four times, a third from botocore's body
    private readonly FakeAws _aws = new();
    private IClickHouse Ch => db.Ch;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private sealed record LiveRow(string ResourceId, DateTime CreatedAt);

    private async Task<Dictionary<string, DateTime>> LiveRows(string account) => (await Ch.QueryAsync<LiveRow>(
            "SELECT resource_id, created_at FROM resource_snapshots FINAL WHERE account_id = {a:String} AND resource_type = 'ec2_instance' AND is_deleted = 0",
            new QueryParams { ["a"] = account }))
        .ToDictionary(r => r.ResourceId, r => r.CreatedAt);

    private Task<long> DeletedEvents(string account) => Ch.ScalarAsync<long>(
        "SELECT count() FROM resource_events WHERE account_id = {a:String} AND event_type = 'deleted'", new QueryParams { ["a"] = account });

    /// <summary>Launch times no EC2 answer holds: unreadable, or readable but outside what history (and the engine's
    /// DateTime64) can hold.</summary>
    private static readonly string[] OddTimes =
        ["99999-12-31T00:00:00Z", "2026-13-45T99:99:99Z", "9999-12-31T23:59:59.000Z", "0001-01-01T00:00:00.000Z", "1850-01-01T00:00:00.000Z"];

    private static string Mutate(string valid, PayloadMutator m, int i)
    {
        var rng = m.Random;
        return (i % 6) switch
        {
            0 => m.Truncate(valid),
            1 => valid.Replace("DescribeInstancesResponse", rng.Next(2) == 0 ? "DescribeVolumesResponse" : "Response", StringComparison.Ordinal),
            2 => m.FlipCharacters(valid),
            3 => valid.Replace("<instanceType>m5.large", "<instanceType>" + new string('x', 100_000), StringComparison.Ordinal)
                .Replace("2026-01-15T10:00:00.000Z", OddTimes[rng.Next(OddTimes.Length)], StringComparison.Ordinal),
            4 => valid.Replace("<code>16</code>", "<code>" + new string('9', rng.Next(11, 40)) + "</code>", StringComparison.Ordinal),
            _ => m.InsertRandomBytes(valid),
        };
    }

    [Fact]
    public async Task Mutated_answers_never_lose_or_invent_stored_data()
    {
        var mutator = new PayloadMutator(20261201);
        int refused = 0, accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var account = $"43{i.ToString("0000000000", CultureInfo.InvariantCulture)}";
            var estate = _aws.Estate(account);
            for (var n = 1; n <= 3; n++) estate.Instances.Add(new FakeInstance($"i-43{i:000}{n}", "m5.large"));
            estate.Volumes.Add(new FakeVolume($"vol-43{i:000}", 8));
            // Every third answer starts from botocore's captured DescribeInstances body instead of the fake estate's.
            var valid = i % 3 == 2 ? AwsFixtures.Read("ec2-describe-instances-botocore.xml") : estate.Describe("DescribeInstances", null);
            if (i % 3 == 2) _aws.Queue("DescribeInstances", account, FakeResponse.Ok(valid));
            var h = new CollectorHarness(Ch, _aws, [account], configure: o => o.MaxErrorRetry = 0);
            Assert.True((await h.RunAsync()).Ok);
            var storedRows = await LiveRows(account);
            var stored = storedRows.Keys.ToHashSet();
            var before = await StorageFingerprint.OfAsync(Ch);

            var answer = Mutate(valid, mutator, i);
            _aws.Queue("DescribeInstances", account, FakeResponse.Ok(answer));
            var unit = Assert.Single((await h.RunAsync()).Units);

            if (unit.Status == RunStatus.Failed)
            {
                refused++;
                Assert.Contains("DescribeInstances", unit.Error);
                Assert.DoesNotContain("   at ", unit.Error);
                Assert.Equal(before, await StorageFingerprint.OfAsync(Ch));
                continue;
            }
            accepted++;
            var rows = await LiveRows(account);
            var live = rows.Keys.ToHashSet();
            Assert.All(live, id => Assert.Contains(id, answer));                                   // nothing invented
            Assert.All(rows, r => Assert.True(storedRows.GetValueOrDefault(r.Key) == r.Value     // kept, or read from the answer
                || answer.Contains(r.Value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), StringComparison.Ordinal), $"{r.Key} created {r.Value:O}"));
            Assert.Equal(stored.Except(live).Count(), (int)await DeletedEvents(account));           // nothing lost silently
            Assert.All(stored.Except(live), id => Assert.DoesNotContain($"<instanceId>{id}</instanceId>", answer));
        }
        Assert.Equal(Iterations, refused + accepted);
        Assert.True(refused > 0 && accepted > 0, $"refused {refused}, accepted {accepted}");
    }
}
