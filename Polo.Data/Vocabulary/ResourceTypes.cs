namespace Polo.Data.Vocabulary;

/// <summary>Values of the <c>resource_type</c> column, shared by collectors, the demo estate and the analysis.</summary>
public static class ResourceTypes
{
    public const string Instance = "ec2_instance";
    public const string Volume = "ebs_volume";
    public const string Snapshot = "ebs_snapshot";
    public const string NatGateway = "nat_gateway";
    public const string ElasticIp = "elastic_ip";
    public const string NetworkInterface = "network_interface";
    public const string LoadBalancer = "load_balancer";

    /// <summary>Every type the EC2 collector observes.</summary>
    public static readonly IReadOnlyList<string> Ec2 = [Instance, Volume, Snapshot, NatGateway, ElasticIp, NetworkInterface, LoadBalancer];

    /// <summary>Readable singular noun: "instance", "volume", "NAT gateway"; unknown types read with spaces.</summary>
    public static string Noun(string resourceType) => resourceType switch
    {
        Instance => "instance",
        Volume => "volume",
        Snapshot => "snapshot",
        NatGateway => "NAT gateway",
        ElasticIp => "elastic IP",
        NetworkInterface => "network interface",
        LoadBalancer => "load balancer",
        var t => t.Replace('_', ' '),
    };
}
