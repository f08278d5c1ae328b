using System.Globalization;
using System.Security;
using System.Text;

namespace Polo.Testing;

public sealed record FakeInstance(string Id, string Type, string State = "running", Dictionary<string, string>? Tags = null);

public sealed record FakeVolume(string Id, int SizeGb, string VolumeType = "gp3", int Iops = 3000, string? AttachedTo = null,
    Dictionary<string, string>? Tags = null);

public sealed record FakeSnapshot(string Id, string VolumeId, int SizeGb, Dictionary<string, string>? Tags = null);

public sealed record FakeNat(string Id, string EniId, Dictionary<string, string>? Tags = null);

public sealed record FakeAddress(string AllocationId, string PublicIp, string? InstanceId = null, string? EniId = null);

public sealed record FakeEni(string Id, string InterfaceType = "interface", string Description = "", string? RequesterId = null,
    string? InstanceId = null, string Status = "in-use");

/// <summary>One account's EC2 estate, rendered as EC2 Query API (2016-11-15) XML, paged by <see cref="PageSize"/>.</summary>
public sealed class FakeEstate
{
    private const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public int PageSize { get; set; } = 1000;
    public List<FakeInstance> Instances { get; } = new();
    public List<FakeVolume> Volumes { get; } = new();
    public List<FakeSnapshot> Snapshots { get; } = new();
    public List<FakeNat> NatGateways { get; } = new();
    public List<FakeAddress> Addresses { get; } = new();
    public List<FakeEni> Enis { get; } = new();

    public string Describe(string action, string? nextToken) => action switch
    {
        "DescribeInstances" => Paged("DescribeInstancesResponse", "reservationSet", Instances, nextToken, Instance),
        "DescribeVolumes" => Paged("DescribeVolumesResponse", "volumeSet", Volumes, nextToken, Volume),
        "DescribeSnapshots" => Paged("DescribeSnapshotsResponse", "snapshotSet", Snapshots, nextToken, Snapshot),
        "DescribeNatGateways" => Paged("DescribeNatGatewaysResponse", "natGatewaySet", NatGateways, nextToken, Nat),
        "DescribeAddresses" => Paged("DescribeAddressesResponse", "addressesSet", Addresses, null, Address, paged: false),
        "DescribeNetworkInterfaces" => Paged("DescribeNetworkInterfacesResponse", "networkInterfaceSet", Enis, nextToken, Eni),
        _ => throw new InvalidOperationException($"The fake does not implement {action}"),
    };

    private string Paged<T>(string root, string set, List<T> items, string? nextToken, Func<T, string> render, bool paged = true)
    {
        var snapshot = items.ToList();
        var start = string.IsNullOrEmpty(nextToken) ? 0 : int.Parse(nextToken["page-".Length..], CultureInfo.InvariantCulture);
        var take = paged ? PageSize : snapshot.Count;
        var page = snapshot.Skip(start).Take(take).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"{Ns}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<requestId>{Guid.NewGuid()}</requestId><{set}>");
        foreach (var item in page) sb.Append(render(item));
        sb.Append(CultureInfo.InvariantCulture, $"</{set}>");
        if (paged && start + take < snapshot.Count) sb.Append(CultureInfo.InvariantCulture, $"<nextToken>page-{start + take}</nextToken>");
        sb.Append(CultureInfo.InvariantCulture, $"</{root}>");
        return sb.ToString();
    }

    private static string E(string? s) => SecurityElement.Escape(s ?? "") ?? "";

    private static string TagSet(Dictionary<string, string>? tags, string element = "tagSet") =>
        $"<{element}>" + string.Concat((tags ?? new()).Select(t => $"<item><key>{E(t.Key)}</key><value>{E(t.Value)}</value></item>")) + $"</{element}>";

    private static string Instance(FakeInstance i) => $"""
        <item><reservationId>r-{i.Id}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>
        <instanceId>{i.Id}</instanceId><imageId>ami-1</imageId>
        <instanceState><code>{(i.State == "running" ? 16 : i.State == "terminated" ? 48 : 80)}</code><name>{i.State}</name></instanceState>
        <privateDnsName/><dnsName/><reason/><amiLaunchIndex>0</amiLaunchIndex><productCodes/>
        <instanceType>{i.Type}</instanceType><launchTime>2026-01-15T10:00:00.000Z</launchTime>
        <placement><availabilityZone>us-east-1a</availabilityZone><groupName/><tenancy>default</tenancy></placement>
        <monitoring><state>disabled</state></monitoring><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
        <privateIpAddress>10.0.0.5</privateIpAddress><architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>
        {TagSet(i.Tags)}
        </item></instancesSet></item>
        """;

    private static string Volume(FakeVolume v) => $"""
        <item><volumeId>{v.Id}</volumeId><size>{v.SizeGb}</size><snapshotId/><availabilityZone>us-east-1a</availabilityZone>
        <status>{(v.AttachedTo == null ? "available" : "in-use")}</status><createTime>2026-01-15T10:05:00.000Z</createTime>
        <attachmentSet>{(v.AttachedTo == null ? "" : $"<item><volumeId>{v.Id}</volumeId><instanceId>{v.AttachedTo}</instanceId><device>/dev/xvdf</device><status>attached</status><attachTime>2026-01-15T10:06:00.000Z</attachTime><deleteOnTermination>false</deleteOnTermination></item>")}</attachmentSet>
        {TagSet(v.Tags)}<volumeType>{v.VolumeType}</volumeType><iops>{v.Iops}</iops><encrypted>false</encrypted><throughput>125</throughput>
        </item>
        """;

    private static string Snapshot(FakeSnapshot s) => $"""
        <item><snapshotId>{s.Id}</snapshotId><volumeId>{s.VolumeId}</volumeId><status>completed</status>
        <startTime>2026-01-16T00:00:00.000Z</startTime><progress>100%</progress><ownerId>123456789012</ownerId>
        <volumeSize>{s.SizeGb}</volumeSize><description>backup</description><encrypted>false</encrypted>{TagSet(s.Tags)}</item>
        """;

    private static string Nat(FakeNat n) => $"""
        <item><natGatewayId>{n.Id}</natGatewayId><state>available</state><createTime>2025-06-01T00:00:00.000Z</createTime>
        <vpcId>vpc-1</vpcId><subnetId>subnet-1</subnetId><connectivityType>public</connectivityType>
        <natGatewayAddressSet><item><networkInterfaceId>{n.EniId}</networkInterfaceId><privateIp>10.0.0.9</privateIp></item></natGatewayAddressSet>
        {TagSet(n.Tags)}</item>
        """;

    private static string Address(FakeAddress a) => $"""
        <item><publicIp>{a.PublicIp}</publicIp><allocationId>{a.AllocationId}</allocationId><domain>vpc</domain>
        {(a.InstanceId == null ? "" : $"<instanceId>{a.InstanceId}</instanceId>")}
        {(a.InstanceId == null && a.EniId == null ? "" : $"<associationId>eipassoc-{a.AllocationId}</associationId>")}
        {(a.EniId == null ? "" : $"<networkInterfaceId>{a.EniId}</networkInterfaceId>")}
        <tagSet/></item>
        """;

    private static string Eni(FakeEni n) => $"""
        <item><networkInterfaceId>{n.Id}</networkInterfaceId><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>
        <availabilityZone>us-east-1a</availabilityZone><description>{E(n.Description)}</description><ownerId>123456789012</ownerId>
        {(n.RequesterId == null ? "" : $"<requesterId>{n.RequesterId}</requesterId>")}<requesterManaged>{(n.RequesterId != null).ToString().ToLowerInvariant()}</requesterManaged>
        <status>{n.Status}</status><privateIpAddress>10.0.1.{Math.Abs(n.Id.GetHashCode()) % 250}</privateIpAddress>
        <interfaceType>{n.InterfaceType}</interfaceType>
        {(n.InstanceId == null ? "" : $"<attachment><attachmentId>eni-attach-{n.Id}</attachmentId><instanceId>{n.InstanceId}</instanceId><instanceOwnerId>123456789012</instanceOwnerId><deviceIndex>0</deviceIndex><status>attached</status></attachment>")}
        <tagSet/></item>
        """;
}
