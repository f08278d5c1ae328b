using Polo.Collection.Tests.Fixtures;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Tests.Ec2;

/// <summary>Issue 11, deliverable 7: real EC2 wire answers (botocore's captured DescribeInstances and DescribeAddresses
/// bodies, Fixtures/Aws/SOURCES.md) through the real collector into the real engine, and exactly what is stored.</summary>
public sealed class Ec2RealAnswerTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeAws _aws = new();
    private IClickHouse Ch => db.Ch;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private sealed record SnapshotRow(string ResourceId, string ResourceType, string Name, string State, Dictionary<string, string> Tags,
        Dictionary<string, string> Properties, DateTime CreatedAt, byte IsDeleted);

    private sealed record EventRow(string ResourceId, string EventType);

    private Task<List<SnapshotRow>> Snapshots(string account) => Ch.QueryAsync<SnapshotRow>("""
        SELECT resource_id, toString(resource_type) AS resource_type, name, toString(state) AS state, tags, properties, created_at, is_deleted
        FROM resource_snapshots FINAL WHERE account_id = {a:String} ORDER BY resource_id
        """, new QueryParams { ["a"] = account });

    private Task<List<EventRow>> Events(string account) => Ch.QueryAsync<EventRow>(
        "SELECT resource_id, toString(event_type) AS event_type FROM resource_events WHERE account_id = {a:String} ORDER BY resource_id, event_type",
        new QueryParams { ["a"] = account });

    /// <summary>A stored row as comparable text: maps in key order.</summary>
    private sealed record Stored(string ResourceId, string ResourceType, string Name, string State, string Tags, string Properties,
        DateTime CreatedAt, byte IsDeleted)
    {
        public static Stored Of(SnapshotRow r) => new(r.ResourceId, r.ResourceType, r.Name, r.State, Flat(r.Tags), Flat(r.Properties),
            r.CreatedAt, r.IsDeleted);
    }

    private static string Flat(IReadOnlyDictionary<string, string> map) =>
        string.Join("; ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string D(params (string K, string V)[] pairs) => Flat(pairs.ToDictionary(p => p.K, p => p.V));

    [Fact]
    public async Task The_captured_describe_instances_answer_stores_both_instances_exactly()
    {
        const string account = "123456789012";
        _aws.Estate(account);
        _aws.Queue("DescribeInstances", account, FakeResponse.Ok(AwsFixtures.Read("ec2-describe-instances-botocore.xml")));
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok, result.Units[0].Error);
        Assert.Equal(
        [
            new Stored("i-78f1b94a", ResourceTypes.Instance, "", ResourceStates.Running, "",
                D((EventProperties.InstanceType, "m1.medium"), (EventProperties.AvailabilityZone, "us-west-2b")),
                new DateTime(2013, 3, 12, 1, 55, 59, DateTimeKind.Utc), 0),
            new Stored("i-fde9cece", ResourceTypes.Instance, "", ResourceStates.Stopped, D(("notebook", "")),
                D((EventProperties.InstanceType, "m1.small"), (EventProperties.AvailabilityZone, "us-west-2a")),
                new DateTime(2012, 10, 16, 20, 0, 13, DateTimeKind.Utc), 0),
        ], (await Snapshots(account)).Select(Stored.Of));
        Assert.Equal([new EventRow("i-78f1b94a", EventTypes.Created), new EventRow("i-fde9cece", EventTypes.Created)], await Events(account));
        Assert.DoesNotContain(await h.Runs.Warnings.OpenAsync("ec2-config"), w => w.AccountId == account);
    }

    [Fact]
    public async Task The_captured_describe_addresses_answer_keys_classic_addresses_by_their_public_ip()
    {
        const string account = "123456789013";
        _aws.Estate(account);
        _aws.Queue("DescribeAddresses", account, FakeResponse.Ok(AwsFixtures.Read("ec2-describe-addresses-botocore.xml")));
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok, result.Units[0].Error);
        static Stored Address(string id, string ip, string domain) => new(id, ResourceTypes.ElasticIp, "", ResourceStates.Unassociated, "",
            D((EventProperties.PublicIp, ip), (EventProperties.Domain, domain)), DateTime.MinValue, 0);
        var stored = (await Snapshots(account)).Select(r => Stored.Of(r) with { CreatedAt = DateTime.MinValue }).ToList();
        Assert.Equal(
        [
            Address("54.245.81.77", "54.245.81.77", "standard"),
            Address("54.245.99.8", "54.245.99.8", "standard"),
            Address("eipalloc-312e1758", "50.112.139.73", "vpc"),
        ], stored);
        Assert.Equal(3, (await Events(account)).Count(e => e.EventType == EventTypes.Created));
    }
}
