namespace Polo.Data.Vocabulary;

/// <summary>
/// Keys of the <c>properties</c> map of resource events and resource snapshots. A created event carries the
/// resource's properties as observed, so the same keys name both.
/// </summary>
public static class EventProperties
{
    // Changes: resized, tag_changed, usage_changed.
    public const string Old = "old";
    public const string New = "new";
    public const string Key = "key";
    public const string Metric = "metric";
    /// <summary>Which attribute a resize changed (CloudTrail: "instance_type").</summary>
    public const string Attribute = "attribute";
    /// <summary>A volume resize's parts (CloudTrail ModifyVolume).</summary>
    public const string OldSizeGb = "old_size_gb";
    public const string NewSizeGb = "new_size_gb";
    public const string OldVolumeType = "old_volume_type";
    public const string NewVolumeType = "new_volume_type";
    /// <summary>Every tag a CloudTrail tag call set or removed ("k=v,-gone").</summary>
    public const string Tags = "tags";

    // State changes.
    public const string OldState = "old_state";
    public const string NewState = "new_state";
    public const string State = "state";
    public const string LastState = "last_state";

    // Attachments.
    public const string Target = "target";
    public const string Device = "device";

    // Resource properties.
    public const string InstanceType = "instance_type";
    public const string SizeGb = "size_gb";
    public const string VolumeType = "volume_type";
    public const string VolumeId = "volume_id";
    public const string Iops = "iops";
    public const string Throughput = "throughput";
    public const string AvailabilityZone = "availability_zone";
    public const string VpcId = "vpc_id";
    public const string SubnetId = "subnet_id";
    public const string ConnectivityType = "connectivity_type";
    public const string PublicIp = "public_ip";
    public const string PrivateIp = "private_ip";
    public const string Domain = "domain";
    public const string InstanceId = "instance_id";
    public const string NetworkInterfaceId = "network_interface_id";
    public const string InterfaceType = "interface_type";
    public const string Description = "description";
    public const string RequesterId = "requester_id";
    /// <summary>Load balancer kind: application, network, gateway, classic.</summary>
    public const string Kind = "kind";
}
