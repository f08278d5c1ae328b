using Polo.Data.Vocabulary;

namespace Polo.Collection.Ec2.Responses;

/// <summary>
/// What a well-formed answer to one EC2 Describe call looks like on the wire (EC2 Query API, 2016-11-15): its root
/// element, the list it must contain even when empty (<c>&lt;volumeSet/&gt;</c>), where each resource sits in that
/// list, and which child names that resource's id.
/// </summary>
public sealed record Ec2ResponseShape(string Action, string ResourceType, string List, string[] ItemPath, string[] IdElements)
{
    public string Root => Action + "Response";

    public static readonly IReadOnlyDictionary<string, Ec2ResponseShape> ByAction = new[]
    {
        new Ec2ResponseShape("DescribeInstances", ResourceTypes.Instance, "reservationSet", ["item", "instancesSet", "item"], ["instanceId"]),
        new Ec2ResponseShape("DescribeVolumes", ResourceTypes.Volume, "volumeSet", ["item"], ["volumeId"]),
        new Ec2ResponseShape("DescribeSnapshots", ResourceTypes.Snapshot, "snapshotSet", ["item"], ["snapshotId"]),
        new Ec2ResponseShape("DescribeNatGateways", ResourceTypes.NatGateway, "natGatewaySet", ["item"], ["natGatewayId"]),
        new Ec2ResponseShape("DescribeAddresses", ResourceTypes.ElasticIp, "addressesSet", ["item"], ["allocationId", "publicIp"]),
        new Ec2ResponseShape("DescribeNetworkInterfaces", ResourceTypes.NetworkInterface, "networkInterfaceSet", ["item"], ["networkInterfaceId"]),
    }.ToDictionary(s => s.Action, StringComparer.Ordinal);

    /// <summary>EC2 answers carry this namespace prefix (the API version follows).</summary>
    public const string NamespacePrefix = "http://ec2.amazonaws.com/doc/";
}
