using System.Text.Json;
using Polo.Collection.Cost.Tagging;
using Polo.Data.Vocabulary;
using static Polo.Collection.Lifecycle.CloudTrailJson;

namespace Polo.Collection.Lifecycle;

/// <summary>
/// Maps an EventBridge "AWS API Call via CloudTrail" message onto resource events in the app's vocabulary:
/// RunInstances → created (one per instance), TerminateInstances → deleted, StopInstances / StartInstances →
/// state_changed, ModifyInstanceAttribute (instance type) / ModifyVolume → resized, CreateVolume / DeleteVolume,
/// CreateSnapshot / DeleteSnapshot, CreateNatGateway / DeleteNatGateway, AllocateAddress / ReleaseAddress →
/// created / deleted, AttachVolume / DetachVolume → attached / detached (on the volume), CreateTags / DeleteTags →
/// tag_changed (one per resource). Failed calls (errorCode) and other API calls map to nothing.
/// Unreadable messages throw <see cref="MalformedMessageException"/>.
/// </summary>
public static class CloudTrailEventMapper
{
    public static IReadOnlyList<LifecycleEvent> Map(string body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { throw new MalformedMessageException($"body is not JSON ({e.Message.Split('.')[0]})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new MalformedMessageException("body is not a JSON object");
            var detail = Obj(root, "detail");
            if (detail.ValueKind != JsonValueKind.Object) throw new MalformedMessageException("no 'detail' object (not an EventBridge event)");
            var detailType = Str(root, "detail-type");
            if (detailType == StateChangeNotifications.InstanceDetailType) return Checked(StateChangeNotifications.Instance(root, detail));
            if (detailType == StateChangeNotifications.VolumeDetailType) return Checked(StateChangeNotifications.Volume(root, detail));
            if (detailType is not null && detailType != "AWS API Call via CloudTrail") return [];

            var name = Str(detail, "eventName") ?? throw new MalformedMessageException("detail.eventName is missing");
            // Calls Polo does not map are consumed before anything else is required of them.
            if (!Mapped.Contains(name)) return [];
            if (Str(detail, "errorCode") is not null) return []; // the call failed: nothing changed
            var id = Str(detail, "eventID") ?? Str(root, "id")
                     ?? throw new MalformedMessageException("neither detail.eventID nor the envelope's id is present");
            var timeText = Str(detail, "eventTime") ?? Str(root, "time") ?? throw new MalformedMessageException("detail.eventTime is missing");
            var time = EventTime(timeText, "eventTime");

            var ctx = new Context(time, id,
                Str(root, "account") ?? Str(detail, "recipientAccountId") ?? "",
                Str(root, "region") ?? Str(detail, "awsRegion") ?? "",
                Str(Obj(detail, "userIdentity"), "arn") ?? Str(Obj(detail, "userIdentity"), "principalId") ?? "",
                Obj(detail, "requestParameters"), Obj(detail, "responseElements"));

            var events = name switch
            {
                "RunInstances" => RunInstances(ctx),
                "TerminateInstances" => Instances(ctx, EventTypes.Deleted, null),
                "StopInstances" => Instances(ctx, EventTypes.StateChanged, ResourceStates.Stopped),
                "StartInstances" => Instances(ctx, EventTypes.StateChanged, ResourceStates.Running),
                "ModifyInstanceAttribute" => ModifyInstanceAttribute(ctx),
                "ModifyVolume" => ModifyVolume(ctx),
                "CreateVolume" => Created(ctx, ResourceTypes.Volume, Find(ctx.Response, "volumeId"),
                    (EventProperties.SizeGb, Str(ctx.Response, "size")), (EventProperties.VolumeType, Str(ctx.Response, "volumeType"))),
                "DeleteVolume" => Deleted(ctx, ResourceTypes.Volume, Find(ctx.Request, "volumeId")),
                "AttachVolume" => Attachment(ctx, EventTypes.Attached),
                "DetachVolume" => Attachment(ctx, EventTypes.Detached),
                "CreateSnapshot" => Created(ctx, ResourceTypes.Snapshot, Find(ctx.Response, "snapshotId"),
                    (EventProperties.SizeGb, Str(ctx.Response, "volumeSize")), (EventProperties.VolumeId, Str(ctx.Response, "volumeId"))),
                "DeleteSnapshot" => Deleted(ctx, ResourceTypes.Snapshot, Find(ctx.Request, "snapshotId")),
                "CreateNatGateway" => Created(ctx, ResourceTypes.NatGateway, Find(ctx.Response, "natGatewayId")),
                "DeleteNatGateway" => Deleted(ctx, ResourceTypes.NatGateway, Find(ctx.Request, "natGatewayId") ?? Find(ctx.Response, "natGatewayId")),
                "AllocateAddress" => Created(ctx, ResourceTypes.ElasticIp, Find(ctx.Response, "allocationId"),
                    (EventProperties.PublicIp, Str(ctx.Response, "publicIp"))),
                "ReleaseAddress" => Deleted(ctx, ResourceTypes.ElasticIp, Find(ctx.Request, "allocationId")),
                "AssociateAddress" => AddressAssociation(ctx, EventTypes.Attached),
                "DisassociateAddress" => AddressAssociation(ctx, EventTypes.Detached),
                "CreateTags" => Tags(ctx, delete: false),
                "DeleteTags" => Tags(ctx, delete: true),
                _ => null,
            };
            if (events is null) return [];
            // Tags on resources Polo does not track (security groups, AMIs…) are consumed without events.
            if (events.Count == 0 && name is "CreateTags" or "DeleteTags" && Items(ctx.Request, "resourcesSet").Any()) return [];
            if (events.Count == 0) throw new MalformedMessageException($"{name} event {id} names no resource id");
            return Checked(events);
        }
    }

    /// <summary>EC2 ids are short ("i-" and 17 hex digits, "eipalloc-…"); a longer one is not an id AWS made.</summary>
    private const int MaxResourceIdLength = 256;

    private static IReadOnlyList<LifecycleEvent> Checked(IReadOnlyList<LifecycleEvent> events) =>
        events.FirstOrDefault(e => e.ResourceId.Length > MaxResourceIdLength) is { } bad
            ? throw new MalformedMessageException(
                $"a resource id of {bad.ResourceId.Length} characters ('{bad.ResourceId[..20]}…') is not one AWS makes")
            : events;

    /// <summary>The CloudTrail calls that map onto events; others are consumed without events (and unchecked).</summary>
    private static readonly HashSet<string> Mapped = new(StringComparer.Ordinal)
    {
        "RunInstances", "TerminateInstances", "StopInstances", "StartInstances", "ModifyInstanceAttribute", "ModifyVolume",
        "CreateVolume", "DeleteVolume", "AttachVolume", "DetachVolume", "CreateSnapshot", "DeleteSnapshot",
        "CreateNatGateway", "DeleteNatGateway", "AllocateAddress", "ReleaseAddress", "AssociateAddress",
        "DisassociateAddress", "CreateTags", "DeleteTags",
    };

    /// <summary>Associate / disassociate: attached / detached on the Elastic IP, targeting the instance or interface.
    /// DisassociateAddress names only the association (or the public IP); the writer finds the address it belongs to.</summary>
    private static List<LifecycleEvent> AddressAssociation(Context c, string eventType)
    {
        var allocation = Str(c.Request, "allocationId");
        var association = Str(c.Response, "associationId") ?? Str(c.Request, "associationId");
        var publicIp = Str(c.Request, "publicIp");
        var id = allocation ?? (association is not null ? AddressRef.ByAssociation + association
            : publicIp is not null ? AddressRef.ByPublicIp + publicIp : null);
        if (id is null) return [];
        var target = Str(c.Request, "instanceId") ?? Str(c.Request, "networkInterfaceId");
        return [c.Event(id, ResourceTypes.ElasticIp, eventType,
            [(EventProperties.Target, target), ("association_id", association), (EventProperties.PublicIp, publicIp)])];
    }

    private sealed record Context(DateTime Time, string EventId, string Account, string Region, string Actor,
        JsonElement Request, JsonElement Response)
    {
        public LifecycleEvent Event(string resourceId, string resourceType, string eventType,
            IEnumerable<(string Key, string? Value)>? props = null, IReadOnlyDictionary<string, string?>? tags = null) =>
            new(Time, EventId, Account, Region, resourceId, resourceType, eventType, Actor,
                (props ?? []).Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!),
                tags ?? new Dictionary<string, string?>());
    }

    private static List<LifecycleEvent> RunInstances(Context c)
    {
        var tags = TagSpecifications(c.Request, "instance");
        return Items(c.Response, "instancesSet")
            .Select(i => (Id: Str(i, "instanceId"), Item: i))
            .Where(x => !string.IsNullOrEmpty(x.Id))
            .Select(x => c.Event(x.Id!, ResourceTypes.Instance, EventTypes.Created,
                [(EventProperties.InstanceType, Str(x.Item, "instanceType") ?? Str(c.Request, "instanceType")),
                 // RunInstances answers "pending"; the launch settles as running, which is what is recorded.
                 (EventProperties.State, Settled(Str(Obj(x.Item, "instanceState"), "name") ?? Str(Obj(x.Item, "currentState"), "name") ?? ResourceStates.Pending))], tags))
            .ToList();
    }

    /// <summary>Terminate / stop / start: one event per instance of the response (or the request when absent).</summary>
    private static List<LifecycleEvent> Instances(Context c, string eventType, string? newState)
    {
        var items = Items(c.Response, "instancesSet").ToList();
        if (items.Count == 0) items = Items(c.Request, "instancesSet").ToList();
        return items
            .Select(i => (Id: Str(i, "instanceId"), Item: i))
            .Where(x => !string.IsNullOrEmpty(x.Id))
            .Select(x => newState is null
                ? c.Event(x.Id!, ResourceTypes.Instance, eventType)
                : c.Event(x.Id!, ResourceTypes.Instance, eventType,
                    [(EventProperties.OldState, Settled(Str(Obj(x.Item, "previousState"), "name"))), (EventProperties.NewState, newState)]))
            .ToList();
    }

    /// <summary>CloudTrail reports transitional states (stopping, pending); the analysis speaks in settled ones.</summary>
    internal static string? Settled(string? state) => state switch
    {
        ResourceStates.Pending => ResourceStates.Running,
        ResourceStates.Stopping => ResourceStates.Stopped,
        ResourceStates.ShuttingDown => ResourceStates.Terminated,
        _ => state,
    };

    /// <summary>Only an instance-type change is a resize; other attributes change nothing the analysis uses.</summary>
    private static List<LifecycleEvent>? ModifyInstanceAttribute(Context c)
    {
        var type = Obj(c.Request, "instanceType");
        var newType = type.ValueKind == JsonValueKind.Object ? Str(type, "value") : Str(c.Request, "instanceType");
        if (newType is null)
        {
            var attribute = Str(c.Request, "attribute");
            newType = attribute == "instanceType" ? Str(c.Request, "value") : null;
        }
        if (newType is null) return null;
        var id = Str(c.Request, "instanceId");
        return id is null ? [] : [c.Event(id, ResourceTypes.Instance, EventTypes.Resized, [(EventProperties.New, newType), (EventProperties.Attribute, EventProperties.InstanceType)])];
    }

    private static List<LifecycleEvent> ModifyVolume(Context c)
    {
        var m = FindObject(c.Response, "volumeModification");
        var id = Find(m, "volumeId") ?? Find(c.Request, "volumeId");
        if (id is null) return [];
        var oldSize = Find(m, "originalSize");
        var newSize = Find(m, "targetSize") ?? Find(c.Request, "size");
        var oldType = Find(m, "originalVolumeType");
        var newType = Find(m, "targetVolumeType") ?? Find(c.Request, "volumeType");
        var sizeChanged = newSize is not null && newSize != oldSize;
        return
        [
            c.Event(id, ResourceTypes.Volume, EventTypes.Resized,
            [
                (EventProperties.Old, sizeChanged ? oldSize : oldType), (EventProperties.New, sizeChanged ? newSize : newType),
                (EventProperties.OldSizeGb, oldSize), (EventProperties.NewSizeGb, newSize), (EventProperties.OldVolumeType, oldType), (EventProperties.NewVolumeType, newType),
            ]),
        ];
    }

    private static List<LifecycleEvent> Created(Context c, string type, string? id, params (string, string?)[] props) =>
        id is null ? [] : [c.Event(id, type, EventTypes.Created, props, TagSpecifications(c.Request, null))];

    private static List<LifecycleEvent> Deleted(Context c, string type, string? id) =>
        id is null ? [] : [c.Event(id, type, EventTypes.Deleted)];

    /// <summary>Attach/detach: the event sits on the volume, targeting the instance.</summary>
    private static List<LifecycleEvent> Attachment(Context c, string eventType)
    {
        var volume = Str(c.Request, "volumeId") ?? Str(c.Response, "volumeId");
        var instance = Str(c.Request, "instanceId") ?? Str(c.Response, "instanceId");
        return volume is null ? [] : [c.Event(volume, ResourceTypes.Volume, eventType, [(EventProperties.Target, instance), (EventProperties.Device, Str(c.Request, "device"))])];
    }

    /// <summary>CreateTags / DeleteTags: one tag_changed per resource; the removed or set tags travel with the event.</summary>
    private static List<LifecycleEvent> Tags(Context c, bool delete)
    {
        var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var t in Items(c.Request, "tagSet"))
            if (Str(t, "key") is { } key) tags[key] = delete ? null : Str(t, "value") ?? "";
        return Items(c.Request, "resourcesSet")
            .Select(r => Str(r, "resourceId"))
            .Where(id => !string.IsNullOrEmpty(id) && CostVocabulary.ResourceType(id) != "")
            .Select(id => c.Event(id!, CostVocabulary.ResourceType(id!), EventTypes.TagChanged, tags: tags))
            .ToList();
    }

    /// <summary>Tags set at creation (tagSpecificationSet), optionally only those for one resource type.</summary>
    private static Dictionary<string, string?> TagSpecifications(JsonElement request, string? resourceType)
    {
        var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var spec in Items(request, "tagSpecificationSet"))
        {
            if (resourceType is not null && Str(spec, "resourceType") is { } rt && rt != resourceType) continue;
            foreach (var t in Items(spec, "tags").Concat(Items(spec, "tagSet")))
                if (Str(t, "key") is { } key) tags[key] = Str(t, "value") ?? "";
        }
        return tags;
    }
}
