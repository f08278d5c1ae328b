using System.Text.RegularExpressions;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Cost.Tagging;

/// <summary>
/// Maps billing names onto the vocabulary the demo generator and the analysis layer use (docs/ARCHITECTURE.md):
/// services AmazonEC2 / AmazonEBS / AWSELB, usage types without the region prefix (BoxUsage:r5.large,
/// EBS:VolumeUsage.gp3, NatGateway-Hours), bare resource ids (i-…, vol-…, snap-…) and resource types
/// ec2_instance, ebs_volume, ebs_snapshot, nat_gateway, elastic_ip, network_interface, load_balancer.
/// </summary>
public static partial class CostVocabulary
{
    /// <summary>Cost Explorer's SERVICE dimension values for the services the demo vocabulary names.</summary>
    private static readonly Dictionary<string, string> ExplorerServices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Amazon Elastic Compute Cloud - Compute"] = "AmazonEC2",
        ["EC2 - Other"] = "AmazonEC2",
        ["Amazon Elastic Block Store"] = "AmazonEBS",
        ["Amazon Elastic Load Balancing"] = "AWSELB",
        ["Amazon Simple Storage Service"] = "AmazonS3",
        ["Amazon Relational Database Service"] = "AmazonRDS",
        ["Amazon Virtual Private Cloud"] = "AmazonVPC",
        ["AmazonCloudWatch"] = "AmazonCloudWatch",
    };

    /// <summary>CUR product code → service; EBS line items are billed under AmazonEC2 but the demo keeps them apart.</summary>
    public static string Service(string productCode, string usageType) =>
        productCode == "AmazonEC2" && usageType.StartsWith("EBS:", StringComparison.Ordinal) ? "AmazonEBS" : productCode;

    public static string ExplorerService(string name) => ExplorerServices.GetValueOrDefault(name, name);

    /// <summary>Drops the region prefix CUR puts on usage types outside us-east-1 (USW2-BoxUsage:m5.large → BoxUsage:m5.large).</summary>
    public static string UsageType(string usageType)
    {
        var m = RegionPrefix().Match(usageType);
        return m.Success ? usageType[m.Length..] : usageType;
    }

    /// <summary>EC2 ARNs (arn:aws:ec2:…:snapshot/snap-1) become the bare id the config collector uses.</summary>
    public static string ResourceId(string resourceId)
    {
        if (!resourceId.StartsWith("arn:aws:ec2:", StringComparison.Ordinal)) return resourceId;
        var slash = resourceId.LastIndexOf('/');
        return slash >= 0 && slash < resourceId.Length - 1 ? resourceId[(slash + 1)..] : resourceId;
    }

    /// <summary>The resource type implied by an id (and, for id-less lines, nothing).</summary>
    public static string ResourceType(string resourceId)
    {
        if (resourceId.Length == 0) return "";
        if (resourceId.StartsWith("i-", StringComparison.Ordinal)) return ResourceTypes.Instance;
        if (resourceId.StartsWith("vol-", StringComparison.Ordinal)) return ResourceTypes.Volume;
        if (resourceId.StartsWith("snap-", StringComparison.Ordinal)) return ResourceTypes.Snapshot;
        if (resourceId.StartsWith("nat-", StringComparison.Ordinal)) return ResourceTypes.NatGateway;
        if (resourceId.StartsWith("eipalloc-", StringComparison.Ordinal)) return ResourceTypes.ElasticIp;
        if (resourceId.StartsWith("eni-", StringComparison.Ordinal)) return ResourceTypes.NetworkInterface;
        if (resourceId.StartsWith("elb-", StringComparison.Ordinal) || resourceId.Contains(":elasticloadbalancing:"))
            return ResourceTypes.LoadBalancer;
        return "";
    }

    [GeneratedRegex("^[A-Z]{2,5}[0-9]?-(?=[A-Za-z])")]
    private static partial Regex RegionPrefix();
}
