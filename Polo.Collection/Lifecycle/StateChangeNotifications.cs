using System.Text.Json;
using Polo.Data.Vocabulary;
using static Polo.Collection.Lifecycle.CloudTrailJson;

namespace Polo.Collection.Lifecycle;

/// <summary>
/// EC2's own EventBridge notifications, which cover what makes no CloudTrail call (Spot interruptions, OS-initiated
/// shutdowns, volumes created or deleted by other services): "EC2 Instance State-change Notification" (detail
/// instance-id, state) and "EBS Volume Notification" (detail event, result; the volume in resources). Transitional
/// states and failed results map to nothing; the envelope's id identifies the event.
/// </summary>
internal static class StateChangeNotifications
{
    public const string InstanceDetailType = "EC2 Instance State-change Notification";
    public const string VolumeDetailType = "EBS Volume Notification";

    public static IReadOnlyList<LifecycleEvent> Instance(JsonElement root, JsonElement detail)
    {
        var (id, time, account, region) = Envelope(root);
        var instance = Str(detail, "instance-id") ?? throw new MalformedMessageException("state-change notification without detail.instance-id");
        var state = Str(detail, "state") ?? throw new MalformedMessageException("state-change notification without detail.state");
        return state switch
        {
            ResourceStates.Running or ResourceStates.Stopped =>
            [
                new LifecycleEvent(time, id, account, region, instance, ResourceTypes.Instance, EventTypes.StateChanged, "aws.ec2",
                    new() { [EventProperties.NewState] = state }, new Dictionary<string, string?>()),
            ],
            ResourceStates.Terminated =>
            [
                new LifecycleEvent(time, id, account, region, instance, ResourceTypes.Instance, EventTypes.Deleted, "aws.ec2",
                    new(), new Dictionary<string, string?>()),
            ],
            ResourceStates.Pending or ResourceStates.Stopping or ResourceStates.ShuttingDown => [],
            _ => throw new MalformedMessageException($"instance state '{state}' is not one EC2 documents"),
        };
    }

    public static IReadOnlyList<LifecycleEvent> Volume(JsonElement root, JsonElement detail)
    {
        var (id, time, account, region) = Envelope(root);
        var volume = Items(root, "resources").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : null)
            .Select(arn => arn is null ? null : arn[(arn.LastIndexOf('/') + 1)..])
            .FirstOrDefault(v => v is not null && v.StartsWith("vol-", StringComparison.Ordinal))
            ?? throw new MalformedMessageException("EBS volume notification names no volume in resources");
        var eventType = (Str(detail, "event"), Str(detail, "result")) switch
        {
            ("createVolume", "available") => EventTypes.Created,
            ("deleteVolume", "deleted") => EventTypes.Deleted,
            ("attachVolume", "attached") => EventTypes.Attached,
            ("detachVolume", "detached") => EventTypes.Detached,
            _ => null, // failed results, modifyVolume progress, snapshots: nothing changed that Polo records
        };
        if (eventType is null) return [];
        return [new LifecycleEvent(time, id, account, region, volume, ResourceTypes.Volume, eventType, "aws.ec2",
            new(), new Dictionary<string, string?>())];
    }

    private static (string Id, DateTime Time, string Account, string Region) Envelope(JsonElement root)
    {
        var id = Str(root, "id") ?? throw new MalformedMessageException("notification without an envelope id");
        var text = Str(root, "time") ?? throw new MalformedMessageException("notification without an envelope time");
        var time = EventTime(text, "notification time");
        return (id, time, Str(root, "account") ?? "", Str(root, "region") ?? "");
    }
}
