using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Lifecycle;
using Polo.Collection.Tests.Fakes;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Vocabulary;
using static Polo.Collection.Tests.Lifecycle.CloudTrailMessages;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>
/// An Elastic IP's association end to end: the ec2-config poll (real SDK against the loopback EC2 fake) stores the
/// addresses with their associations; CloudTrail's AssociateAddress / DisassociateAddress records then come through
/// the loopback SQS queue and the lifecycle collector, and land as attached / detached events on the address itself,
/// found by association id or public IP (DisassociateAddress names no allocation id).
/// </summary>
public sealed class AddressLifecycleTests : FreshDatabase
{
    private const string Account = "111111111111";
    private static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
    private readonly FakeAws _aws = new();
    private readonly FakeSqsQueue _queue = new();

    public override async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _aws.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed record Stored(string ResourceId, string ResourceType, string EventType, DateTime EventTime, Dictionary<string, string> Properties);

    [Fact]
    public async Task Disassociating_an_address_by_association_or_public_ip_stores_a_detached_event_on_that_address()
    {
        var estate = _aws.Estate(Account);
        estate.Instances.AddRange([new FakeInstance("i-web", "m5.large"), new FakeInstance("i-db", "m5.large")]);
        estate.Addresses.AddRange([new FakeAddress("eipalloc-a", "198.51.100.20", "i-web"), new FakeAddress("eipalloc-b", "198.51.100.21", "i-db")]);
        Assert.True((await new CollectorHarness(Ch, _aws, [Account]).RunAsync()).Ok);
        Assert.Equal(ResourceStates.Associated, await Ch.ScalarAsync<string>(
            "SELECT state FROM resource_snapshots FINAL WHERE resource_id = 'eipalloc-a'"));
        var polled = await CountAsync("SELECT count() FROM resource_events");

        _queue.Send(Envelope("DisassociateAddress", "ev-dis-a", new { associationId = "eipassoc-eipalloc-a" }, new { _return = true },
            time: "2025-03-01T10:00:00Z"));
        _queue.Send(Envelope("DisassociateAddress", "ev-dis-b", new { publicIp = "198.51.100.21" }, new { _return = true },
            time: "2025-03-01T10:05:00Z"));
        _queue.Send(Envelope("AssociateAddress", "ev-assoc-a", new { allocationId = "eipalloc-a", instanceId = "i-db" },
            new { associationId = "eipassoc-new", _return = true }, time: "2025-03-01T10:10:00Z"));
        _queue.Send(Envelope("DisassociateAddress", "ev-dis-unknown", new { associationId = "eipassoc-nobody" }, new { _return = true }));

        var outcome = await new LifecycleCollector(Ch, new LifecycleOptions
        {
            QueueUrl = _queue.QueueUrl, ServiceUrl = _queue.ServiceUrl, Region = "us-east-1", WaitTimeSeconds = 0,
        }).RunAsync(Org, default);

        var events = await Ch.QueryAsync<Stored>($"""
            SELECT resource_id, toString(resource_type) AS resource_type, toString(event_type) AS event_type, event_time, properties
            FROM resource_events WHERE source = '{ResourceEventWriter.Source}' ORDER BY event_time
            """);
        Assert.Equal(3, outcome.Rows);
        Assert.Equal(
            [("eipalloc-a", EventTypes.Detached), ("eipalloc-b", EventTypes.Detached), ("eipalloc-a", EventTypes.Attached)],
            events.Select(e => (e.ResourceId, e.EventType)));
        Assert.All(events, e => Assert.Equal(ResourceTypes.ElasticIp, e.ResourceType));
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), events[0].EventTime);
        Assert.Equal("198.51.100.21", events[1].Properties[EventProperties.PublicIp]);
        Assert.Equal("i-db", events[2].Properties[EventProperties.Target]);
        // The address nobody holds is consumed without an event; no event names an association instead of an address.
        Assert.Empty(_queue.RemainingIds);
        Assert.Equal(polled + 3, await CountAsync("SELECT count() FROM resource_events"));
        Assert.Equal(0, await CountAsync("SELECT count() FROM resource_events WHERE resource_id LIKE 'eip%:%'"));
    }
}
