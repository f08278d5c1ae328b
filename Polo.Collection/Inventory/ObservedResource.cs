namespace Polo.Collection.Inventory;

/// <summary>Resource types and event types shared with the demo generator, so collected data reads like demo data.</summary>
public static class ResourceTypes
{
    public const string Instance = "ec2_instance";
    public const string Volume = "ebs_volume";
    public const string Snapshot = "ebs_snapshot";
    public const string NatGateway = "nat_gateway";
    public const string ElasticIp = "elastic_ip";
    public const string NetworkInterface = "network_interface";
    public const string LoadBalancer = "load_balancer";

    public static readonly string[] Ec2 = [Instance, Volume, Snapshot, NatGateway, ElasticIp, NetworkInterface, LoadBalancer];
}

public static class EventTypes
{
    public const string Created = "created";
    public const string Deleted = "deleted";
    public const string Resized = "resized";
    public const string StateChanged = "state_changed";
    public const string TagChanged = "tag_changed";
    public const string Attached = "attached";
    public const string Detached = "detached";
}

public static class Relations
{
    public const string AttachedTo = "attached_to";
    public const string SnapshotOf = "snapshot_of";
    public const string InterfaceOf = "interface_of";
    public const string AssociatedWith = "associated_with";
}

/// <summary>An edge from an observed resource to another resource.</summary>
public sealed record ObservedEdge(string Relation, string ToId);

/// <summary>One resource as seen in AWS now.</summary>
public sealed record ObservedResource(
    string ResourceId,
    string ResourceType,
    string Name,
    string State,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Properties,
    DateTime? CreatedAt,
    IReadOnlyList<ObservedEdge> Edges);

/// <summary>Where a resource sits in the customer → cluster → index hierarchy ("" where it has no such tag).</summary>
public sealed record Identity(string Customer, string Cluster, string IndexName)
{
    public static readonly Identity None = new("", "", "");
}
