using System.Text.Json.Nodes;
using Polo.Collection.Lifecycle;
using Polo.Data.Vocabulary;
using static Polo.Collection.Tests.Lifecycle.CloudTrailMessages;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>Issue 11, deliverable 6: untracked resource types, envelope id, RunInstances settled, Elastic IP
/// association, EC2 state-change and EBS volume notifications.</summary>
public sealed class LifecycleGapTests
{
    private static string WithoutEventId(string body, string envelopeId)
    {
        var json = JsonNode.Parse(body)!;
        json["detail"]!.AsObject().Remove("eventID");
        json["id"] = envelopeId;
        return json.ToJsonString();
    }

    private static string Notification(string detailType, object detail, params string[] resources) =>
        CloudTrailMessages.Notification(detailType, "7bf73129-1428-4cd3-a780-95db273d1602", detail, "2021-11-11T21:29:54Z", "123456789012", resources);

    [Fact]
    public void Tags_on_a_resource_type_polo_does_not_track_are_consumed_without_events()
    {
        var body = CreateTags("t1", ["sg-0123456789abcdef0", "ami-1"], ("polo:customer", "acme"));

        Assert.Empty(CloudTrailEventMapper.Map(body));
        var mixed = CloudTrailEventMapper.Map(CreateTags("t2", ["sg-1", "i-1"], ("polo:customer", "acme")));
        Assert.Equal("i-1", Assert.Single(mixed).ResourceId);
    }

    [Fact]
    public void The_envelope_id_stands_in_when_event_id_is_missing_and_unmapped_calls_need_neither()
    {
        var e = Assert.Single(CloudTrailEventMapper.Map(WithoutEventId(TerminateInstances("gone", "i-9"), "env-42")));
        Assert.Equal("env-42", e.CloudTrailEventId);

        var unmapped = JsonNode.Parse(Envelope("DescribeInstances", "x", null, null))!;
        unmapped["detail"]!.AsObject().Remove("eventID");
        unmapped.AsObject().Remove("id");
        Assert.Empty(CloudTrailEventMapper.Map(unmapped.ToJsonString())); // consumed, not dead-lettered

        var mapped = JsonNode.Parse(TerminateInstances("gone", "i-9"))!;
        mapped["detail"]!.AsObject().Remove("eventID");
        mapped.AsObject().Remove("id");
        Assert.Throws<MalformedMessageException>(() => CloudTrailEventMapper.Map(mapped.ToJsonString()));
    }

    [Fact]
    public void RunInstances_records_created_and_running()
    {
        var e = Assert.Single(CloudTrailEventMapper.Map(RunInstances("r1", "i-1")));
        Assert.Equal((EventTypes.Created, ResourceStates.Running), (e.EventType, e.Properties[EventProperties.State]));
    }

    [Fact]
    public void Associate_and_disassociate_address_attach_and_detach_the_elastic_ip()
    {
        var attach = Assert.Single(CloudTrailEventMapper.Map(Envelope("AssociateAddress", "a1",
            new { allocationId = "eipalloc-1", instanceId = "i-1" }, new { associationId = "eipassoc-1", _return = true })));
        Assert.Equal(("eipalloc-1", ResourceTypes.ElasticIp, EventTypes.Attached, "i-1"),
            (attach.ResourceId, attach.ResourceType, attach.EventType, attach.Properties[EventProperties.Target]));

        var detach = Assert.Single(CloudTrailEventMapper.Map(Envelope("DisassociateAddress", "a2", new { associationId = "eipassoc-1" }, new { _return = true })));
        Assert.Equal((AddressRef.ByAssociation + "eipassoc-1", EventTypes.Detached), (detach.ResourceId, detach.EventType));
    }

    [Theory]
    [InlineData("running", EventTypes.StateChanged)]
    [InlineData("stopped", EventTypes.StateChanged)]
    [InlineData("terminated", EventTypes.Deleted)]
    public void Instance_state_change_notifications_map_settled_states(string state, string eventType)
    {
        var body = Notification("EC2 Instance State-change Notification", new Dictionary<string, string> { ["instance-id"] = "i-1234567890abcdef0", ["state"] = state },
            "arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0");

        var e = Assert.Single(CloudTrailEventMapper.Map(body));

        Assert.Equal(("i-1234567890abcdef0", eventType, "7bf73129-1428-4cd3-a780-95db273d1602", "123456789012"),
            (e.ResourceId, e.EventType, e.CloudTrailEventId, e.AccountId));
        if (eventType == EventTypes.StateChanged) Assert.Equal(state, e.Properties[EventProperties.NewState]);
    }

    [Fact]
    public void Transitional_states_map_to_nothing_and_unknown_ones_are_refused()
    {
        Assert.Empty(CloudTrailEventMapper.Map(Notification("EC2 Instance State-change Notification",
            new Dictionary<string, string> { ["instance-id"] = "i-1", ["state"] = "pending" })));
        Assert.Throws<MalformedMessageException>(() => CloudTrailEventMapper.Map(Notification("EC2 Instance State-change Notification",
            new Dictionary<string, string> { ["instance-id"] = "i-1", ["state"] = "melting" })));
    }

    [Theory]
    [InlineData("createVolume", "available", EventTypes.Created)]
    [InlineData("deleteVolume", "deleted", EventTypes.Deleted)]
    [InlineData("attachVolume", "attached", EventTypes.Attached)]
    [InlineData("detachVolume", "detached", EventTypes.Detached)]
    [InlineData("createVolume", "failed", null)]
    public void Ebs_volume_notifications_map_their_result(string @event, string result, string? eventType)
    {
        var body = Notification("EBS Volume Notification",
            new Dictionary<string, string> { ["event"] = @event, ["result"] = result, ["cause"] = "", ["request-id"] = "r" },
            "arn:aws:ec2:us-east-1:123456789012:volume/vol-01234567");

        var events = CloudTrailEventMapper.Map(body);

        if (eventType is null) Assert.Empty(events);
        else Assert.Equal(("vol-01234567", ResourceTypes.Volume, eventType), (events[0].ResourceId, events[0].ResourceType, events[0].EventType));
    }
}
