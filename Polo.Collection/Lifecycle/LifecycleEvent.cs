namespace Polo.Collection.Lifecycle;

/// <summary>One resource change read from a CloudTrail event, before identity is resolved. <c>Tags</c> are the tags
/// the event itself sets on the resource (tag specifications, CreateTags); removed keys (DeleteTags) have a null
/// value.</summary>
public sealed record LifecycleEvent(
    DateTime EventTime, string CloudTrailEventId, string AccountId, string Region, string ResourceId, string ResourceType,
    string EventType, string Actor, Dictionary<string, string> Properties, IReadOnlyDictionary<string, string?> Tags);

/// <summary>A queue message that cannot be read as a CloudTrail event; it is left for the queue's redrive policy.</summary>
public sealed class MalformedMessageException(string reason) : Exception(reason);

/// <summary>An Elastic IP named by its association or public IP (DisassociateAddress carries no allocation id); the
/// writer replaces it with the address's allocation id from resource_snapshots.</summary>
public static class AddressRef
{
    public const string ByAssociation = "eipassoc:";
    public const string ByPublicIp = "eip-ip:";

    public static bool IsRef(string resourceId) =>
        resourceId.StartsWith(ByAssociation, StringComparison.Ordinal) || resourceId.StartsWith(ByPublicIp, StringComparison.Ordinal);
}
