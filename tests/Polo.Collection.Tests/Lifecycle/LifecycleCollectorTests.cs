using Polo.Collection.Lifecycle;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;
using static Polo.Collection.Tests.Lifecycle.CloudTrailMessages;

namespace Polo.Collection.Tests.Lifecycle;

public sealed class LifecycleCollectorTests : LifecycleQueueTest
{
    private sealed record EventRow(string ResourceId, string ResourceType, string EventType, string Source, string Actor,
        string Customer, string Cluster, string IndexName, Dictionary<string, string> Properties, DateTime EventTime, string AccountId, string Region);

    private Task<List<EventRow>> EventsAsync() => Ch.QueryAsync<EventRow>("""
        SELECT resource_id, toString(resource_type) AS resource_type, toString(event_type) AS event_type, toString(source) AS source,
               actor, toString(customer) AS customer, cluster, index_name, properties, event_time,
               toString(account_id) AS account_id, toString(region) AS region
        FROM resource_events ORDER BY resource_id, event_type
        """);

    [Fact]
    public async Task Cloudtrail_calls_become_resource_events_on_the_right_resources()
    {
        await AddSnapshotAsync("vol-1", ResourceTypes.Volume, "globex", "prod-9", "logs");
        await AddSnapshotAsync("i-2", ResourceTypes.Instance, "acme", "prod-1", "search", props: new() { [EventProperties.InstanceType] = "r5.xlarge" });
        Queue.Send(RunInstances("ev-run", "i-1", "i-2"));
        Queue.Send(StopInstances("ev-stop", "i-1"));
        Queue.Send(TerminateInstances("ev-term", "i-2"));
        Queue.Send(ModifyInstanceType("ev-mod", "i-2", "r5.4xlarge"));
        Queue.Send(ModifyVolume("ev-modvol", "vol-1"));
        Queue.Send(AttachVolume("ev-attach", "vol-1", "i-1"));
        Queue.Send(CreateTags("ev-tags", ["i-1", "vol-1"], ("polo:customer", "initech")));
        Queue.Send(CreateVolume("ev-vol", "vol-9"));
        Queue.Send(CreateNatGateway("ev-nat", "nat-1"));
        Queue.Send(AllocateAddress("ev-eip", "eipalloc-1"));
        Queue.Send(DeleteSnapshot("ev-snap", "snap-1"));
        Queue.Send(Envelope("RunInstances", "ev-failed", new { }, null, errorCode: "Client.UnauthorizedOperation"));
        Queue.Send(Envelope("DescribeInstances", "ev-describe", new { }, new { }));

        var outcome = await Collector().RunAsync(Org, default);
        var events = await EventsAsync();

        Assert.Equal(13, outcome.Rows);
        Assert.Equal(13, events.Count);
        Assert.All(events, e => Assert.Equal(("cloudtrail", Actor, "111111111111", "us-east-1"), (e.Source, e.Actor, e.AccountId, e.Region)));
        var byKey = events.ToDictionary(e => (e.ResourceId, e.EventType));

        var launched = byKey[("i-1", EventTypes.Created)];
        Assert.Equal((ResourceTypes.Instance, "acme", "prod-1", "search"), (launched.ResourceType, launched.Customer, launched.Cluster, launched.IndexName));
        Assert.Equal("r5.xlarge", launched.Properties[EventProperties.InstanceType]);
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), launched.EventTime);
        Assert.True(byKey.ContainsKey(("i-2", EventTypes.Created)));

        var stopped = byKey[("i-1", EventTypes.StateChanged)];
        Assert.Equal((ResourceStates.Running, ResourceStates.Stopped), (stopped.Properties[EventProperties.OldState], stopped.Properties[EventProperties.NewState]));
        Assert.Equal("acme", byKey[("i-2", EventTypes.Deleted)].Customer); // identity from the snapshot
        var resized = byKey[("i-2", EventTypes.Resized)];
        Assert.Equal(("r5.xlarge", "r5.4xlarge"), (resized.Properties[EventProperties.Old], resized.Properties[EventProperties.New]));
        var volResized = byKey[("vol-1", EventTypes.Resized)];
        Assert.Equal((ResourceTypes.Volume, "100", "200", "globex"), (volResized.ResourceType, volResized.Properties[EventProperties.Old], volResized.Properties[EventProperties.New], volResized.Customer));
        Assert.Equal("i-1", byKey[("vol-1", EventTypes.Attached)].Properties[EventProperties.Target]);

        var tagged = byKey[("vol-1", EventTypes.TagChanged)];
        Assert.Equal(("polo:customer", "", "initech", "initech", "prod-9"),
            (tagged.Properties[EventProperties.Key], tagged.Properties[EventProperties.Old], tagged.Properties[EventProperties.New], tagged.Customer, tagged.Cluster));
        Assert.Equal(ResourceTypes.Instance, byKey[("i-1", EventTypes.TagChanged)].ResourceType);

        Assert.Equal((ResourceTypes.Volume, "100"), (byKey[("vol-9", EventTypes.Created)].ResourceType, byKey[("vol-9", EventTypes.Created)].Properties[EventProperties.SizeGb]));
        Assert.Equal(ResourceTypes.NatGateway, byKey[("nat-1", EventTypes.Created)].ResourceType);
        Assert.Equal(ResourceTypes.ElasticIp, byKey[("eipalloc-1", EventTypes.Created)].ResourceType);
        Assert.Equal(ResourceTypes.Snapshot, byKey[("snap-1", EventTypes.Deleted)].ResourceType);

        Assert.Empty(Queue.RemainingIds); // failed calls and other API calls are consumed, not left behind
    }

    [Fact]
    public async Task A_redelivered_message_writes_nothing()
    {
        var body = RunInstances("ev-run", "i-1", "i-2");
        var probe = new NotifierProbe();
        var collector = new LifecycleCollector(Ch, new LifecycleOptions
        {
            QueueUrl = Queue.QueueUrl, ServiceUrl = Queue.ServiceUrl, Region = "us-east-1", WaitTimeSeconds = 0,
        }, probe.Notifier);
        Queue.Send(body);
        Assert.Equal(2, (await collector.RunAsync(Org, default)).Rows);

        Queue.Send(body); // EventBridge / SQS at-least-once delivery
        var again = await collector.RunAsync(Org, default);

        Assert.Equal(0, again.Rows);
        Assert.Equal((1L, 2L), (probe.Publishes(DataKinds.Events), probe.Rows(DataKinds.Events))); // nothing new → no refresh signal
        Assert.Equal(2, await CountAsync("SELECT count() FROM resource_events"));
        Assert.Empty(Queue.RemainingIds);
    }

    [Fact]
    public async Task A_malformed_message_is_left_in_theQueue_and_does_not_block_the_others()
    {
        var first = Queue.Send(StopInstances("ev-1", "i-1"));
        var notJson = Queue.Send("{this is not json");
        var noId = Queue.Send(Envelope("TerminateInstances", "ev-2", new { }, new { }));
        var last = Queue.Send(StopInstances("ev-3", "i-3"));

        var outcome = await Collector().RunAsync(Org, default);

        Assert.Equal(2, outcome.Rows);
        Assert.Contains("2 malformed", outcome.Detail);
        Assert.Equal(new[] { first, last }.Order(), Queue.DeletedIds.Order());
        Assert.Equal(new[] { notJson, noId }.Order(), Queue.RemainingIds.Order());
        Assert.Equal(["i-1", "i-3"], (await EventsAsync()).Select(e => e.ResourceId));
    }

    [Fact]
    public async Task Messages_are_deleted_only_after_their_events_are_written()
    {
        for (var i = 0; i < 12; i++) Queue.Send(StopInstances($"ev-{i}", $"i-{i}"));
        var heldAtDelete = new List<long>();
        Queue.OnDelete = ids => heldAtDelete.Add(Ch.ScalarAsync<long>("SELECT count() FROM resource_events").GetAwaiter().GetResult());

        var outcome = await Collector().RunAsync(Org, default);

        Assert.Equal(12, outcome.Rows);
        Assert.Equal([10L, 12L], heldAtDelete); // two receive batches (10 + 2), each deleted after its write
        Assert.True(Queue.Endpoint.Count("AmazonSQS.ReceiveMessage") >= 2);
        Assert.All(Queue.Endpoint.Requests, r => Assert.Equal("application/x-amz-json-1.0", r.ContentType));
        Assert.Empty(Queue.RemainingIds);
    }

    [Fact]
    public async Task Removing_a_hierarchy_tag_clears_that_level_of_the_identity()
    {
        await AddSnapshotAsync("i-5", ResourceTypes.Instance, "acme", "prod-1", "search", tags: new() { ["polo:customer"] = "acme" });
        Queue.Send(Envelope("DeleteTags", "ev-untag",
            new { resourcesSet = new { items = new[] { new { resourceId = "i-5" } } }, tagSet = new { items = new[] { new { key = "polo:customer" } } } },
            new { _return = true }));

        await Collector().RunAsync(Org, default);

        var e = Assert.Single(await EventsAsync());
        Assert.Equal((EventTypes.TagChanged, "", "prod-1", "acme", ""), (e.EventType, e.Customer, e.Cluster, e.Properties[EventProperties.Old], e.Properties[EventProperties.New]));
    }

    [Fact]
    public async Task The_per_run_cap_leaves_the_rest_for_the_next_run()
    {
        for (var i = 0; i < 5; i++) Queue.Send(StopInstances($"ev-{i}", $"i-{i}"));

        var first = await Collector(cap: 3).RunAsync(Org, default);
        var second = await Collector(cap: 3).RunAsync(Org, default);

        Assert.Equal(3, first.Rows);
        Assert.Equal(2, second.Rows);
        Assert.Empty(Queue.RemainingIds);
    }
}
