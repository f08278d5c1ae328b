using Polo.Collection.Lifecycle;
using Polo.Data.Vocabulary;
using static Polo.Collection.Tests.Lifecycle.CloudTrailMessages;

namespace Polo.Collection.Tests.Lifecycle;

public sealed class CloudTrailEventMapperTests
{
    private static LifecycleEvent Single(string body) => Assert.Single(CloudTrailEventMapper.Map(body));

    [Fact]
    public void The_remaining_calls_map_onto_their_resources()
    {
        var start = Single(Envelope("StartInstances", "e1", new { instancesSet = new { items = new[] { new { instanceId = "i-1" } } } },
            new { instancesSet = new { items = new[] { new { instanceId = "i-1", currentState = new { name = "pending" }, previousState = new { name = "stopped" } } } } }));
        Assert.Equal(("i-1", EventTypes.StateChanged, ResourceStates.Stopped, ResourceStates.Running), (start.ResourceId, start.EventType, start.Properties[EventProperties.OldState], start.Properties[EventProperties.NewState]));

        var detach = Single(Envelope("DetachVolume", "e2", new { volumeId = "vol-1", instanceId = "i-1" }, new { volumeId = "vol-1", instanceId = "i-1" }));
        Assert.Equal(("vol-1", ResourceTypes.Volume, EventTypes.Detached, "i-1"), (detach.ResourceId, detach.ResourceType, detach.EventType, detach.Properties[EventProperties.Target]));

        var snapshot = Single(Envelope("CreateSnapshot", "e3", new { volumeId = "vol-1" }, new { snapshotId = "snap-1", volumeId = "vol-1", volumeSize = "100" }));
        Assert.Equal(("snap-1", ResourceTypes.Snapshot, EventTypes.Created, "100"), (snapshot.ResourceId, snapshot.ResourceType, snapshot.EventType, snapshot.Properties[EventProperties.SizeGb]));

        var deleteVolume = Single(Envelope("DeleteVolume", "e4", new { volumeId = "vol-2" }, null));
        Assert.Equal(("vol-2", ResourceTypes.Volume, EventTypes.Deleted), (deleteVolume.ResourceId, deleteVolume.ResourceType, deleteVolume.EventType));

        var deleteNat = Single(Envelope("DeleteNatGateway", "e5", new { DeleteNatGatewayRequest = new { NatGatewayId = "nat-9" } },
            new { DeleteNatGatewayResponse = new { natGatewayId = "nat-9" } }));
        Assert.Equal(("nat-9", ResourceTypes.NatGateway, EventTypes.Deleted), (deleteNat.ResourceId, deleteNat.ResourceType, deleteNat.EventType));

        var release = Single(Envelope("ReleaseAddress", "e6", new { allocationId = "eipalloc-9" }, new { _return = true }));
        Assert.Equal(("eipalloc-9", ResourceTypes.ElasticIp, EventTypes.Deleted), (release.ResourceId, release.ResourceType, release.EventType));

        var untag = Single(Envelope("DeleteTags", "e7",
            new { resourcesSet = new { items = new[] { new { resourceId = "i-5" } } }, tagSet = new { items = new[] { new { key = "polo:customer" } } } },
            new { _return = true }));
        Assert.Equal(("i-5", EventTypes.TagChanged), (untag.ResourceId, untag.EventType));
        Assert.True(untag.Tags.ContainsKey("polo:customer"));
        Assert.Null(untag.Tags["polo:customer"]);
    }

    [Fact]
    public void Other_attribute_changes_and_other_event_types_map_to_nothing()
    {
        Assert.Empty(CloudTrailEventMapper.Map(Envelope("ModifyInstanceAttribute", "e1",
            new { instanceId = "i-1", disableApiTermination = new { value = true } }, new { _return = true })));
        Assert.Empty(CloudTrailEventMapper.Map("""{"detail-type":"EC2 Spot Instance Interruption Warning","detail":{"instance-id":"i-1"}}"""));
    }

    [Fact]
    public void A_resource_id_longer_than_any_aws_makes_is_refused_not_stored()
    {
        var error = Assert.Throws<MalformedMessageException>(() => CloudTrailEventMapper.Map(StopInstances("e-long", "i-" + new string('a', 300))));

        Assert.Contains("a resource id of 302 characters ('i-aaaaaaaaaaaaaaaaaa…') is not one AWS makes", error.Message);
        Assert.Single(CloudTrailEventMapper.Map(StopInstances("e-ok", "i-" + new string('a', 254))));
    }

    [Theory]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"detail-type":"AWS API Call via CloudTrail"}""", "no 'detail' object")]
    [InlineData("""{"detail":{"eventName":"RunInstances","eventTime":"2025-03-01T00:00:00Z"}}""", "neither detail.eventID nor the envelope's id")]
    [InlineData("""{"detail":{"eventName":"RunInstances","eventID":"x","eventTime":"soon"}}""", "'soon' is not a date")]
    [InlineData("""{"detail":{"eventName":"StopInstances","eventID":"x","eventTime":"9999-12-31T23:59:59Z"}}""", "'9999-12-31T23:59:59Z' is not a plausible time")]
    [InlineData("""{"detail":{"eventName":"StopInstances","eventID":"x","eventTime":"1850-01-01T00:00:00Z"}}""", "'1850-01-01T00:00:00Z' is not a plausible time")]
    [InlineData("""{"id":"n","time":"0001-01-01T00:00:00Z","detail-type":"EC2 Instance State-change Notification","detail":{"instance-id":"i-1","state":"stopped"}}""", "notification time '0001-01-01T00:00:00Z' is not a plausible time")]
    [InlineData("""{"detail":{"eventName":"RunInstances","eventID":"x","eventTime":"2025-03-01T00:00:00Z","responseElements":{}}}""", "names no resource id")]
    public void Malformed_messages_are_refused_with_a_reason(string body, string reason)
    {
        var error = Assert.Throws<MalformedMessageException>(() => CloudTrailEventMapper.Map(body));
        Assert.Contains(reason, error.Message);
    }
}
