using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Polo.Collection.Inventory;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Ec2;

/// <summary>
/// Reads one account and region's EC2 estate (instances, volumes, own snapshots, NAT gateways, Elastic IPs, network
/// interfaces, and load balancers seen through their interfaces), following NextToken through every page.
/// </summary>
public sealed class Ec2Inventory(IAmazonEC2 ec2)
{
    private const int PageSize = 1000;

    public async Task<List<ObservedResource>> ReadAsync(CancellationToken ct)
    {
        var resources = new List<ObservedResource>();
        resources.AddRange(await InstancesAsync(ct));
        resources.AddRange(await VolumesAsync(ct));
        resources.AddRange(await SnapshotsAsync(ct));
        resources.AddRange(await NatGatewaysAsync(ct));
        resources.AddRange(await AddressesAsync(ct));
        resources.AddRange(await NetworkInterfacesAsync(ct));
        // An id seen twice (a page boundary shifting under us) is kept once.
        return resources.GroupBy(r => r.ResourceId).Select(g => g.First()).ToList();
    }

    private async Task<List<ObservedResource>> InstancesAsync(CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages(t => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => (p.Reservations ?? []).SelectMany(r => r.Instances ?? []), p => p.NextToken);
        await foreach (var i in pages)
        {
            var state = i.State?.Name?.Value ?? "";
            // Terminated instances linger in the API for a while; to us they are gone.
            if (state == ResourceStates.Terminated || string.IsNullOrEmpty(i.InstanceId)) continue;
            var tags = Tags(i.Tags);
            var props = Props((EventProperties.InstanceType, i.InstanceType?.Value), (EventProperties.AvailabilityZone, i.Placement?.AvailabilityZone),
                (EventProperties.VpcId, i.VpcId), (EventProperties.SubnetId, i.SubnetId));
            result.Add(new ObservedResource(i.InstanceId, ResourceTypes.Instance, NameOf(tags), state, tags, props,
                Utc(i.LaunchTime), []));
        }
        return result;
    }

    private async Task<List<ObservedResource>> VolumesAsync(CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages(t => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => p.Volumes, p => p.NextToken);
        await foreach (var v in pages)
        {
            if (string.IsNullOrEmpty(v.VolumeId)) continue;
            var tags = Tags(v.Tags);
            var attachedTo = (v.Attachments ?? []).Select(a => a.InstanceId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
            var props = Props((EventProperties.SizeGb, Num(v.Size)), (EventProperties.VolumeType, v.VolumeType?.Value), (EventProperties.Iops, Num(v.Iops)),
                (EventProperties.Throughput, Num(v.Throughput)), (EventProperties.AvailabilityZone, v.AvailabilityZone));
            var edges = attachedTo == null ? new List<ObservedEdge>() : [new ObservedEdge(Relations.AttachedTo, attachedTo)];
            result.Add(new ObservedResource(v.VolumeId, ResourceTypes.Volume, NameOf(tags), v.State?.Value ?? "", tags,
                props, Utc(v.CreateTime), edges));
        }
        return result;
    }

    private async Task<List<ObservedResource>> SnapshotsAsync(CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages(
            t => ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], NextToken = t, MaxResults = PageSize }, ct),
            p => p.Snapshots, p => p.NextToken);
        await foreach (var s in pages)
        {
            if (string.IsNullOrEmpty(s.SnapshotId)) continue;
            var tags = Tags(s.Tags);
            var props = Props((EventProperties.SizeGb, Num(s.VolumeSize)), (EventProperties.VolumeId, s.VolumeId));
            // Snapshots copied from elsewhere carry the placeholder volume vol-ffffffff.
            var edges = string.IsNullOrEmpty(s.VolumeId) || s.VolumeId == "vol-ffffffff"
                ? new List<ObservedEdge>() : [new ObservedEdge(Relations.SnapshotOf, s.VolumeId)];
            result.Add(new ObservedResource(s.SnapshotId, ResourceTypes.Snapshot, NameOf(tags), s.State?.Value ?? "", tags,
                props, Utc(s.StartTime), edges));
        }
        return result;
    }

    private async Task<List<ObservedResource>> NatGatewaysAsync(CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages(t => ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => p.NatGateways, p => p.NextToken);
        await foreach (var n in pages)
        {
            var state = n.State?.Value ?? "";
            if (state == ResourceStates.Deleted || string.IsNullOrEmpty(n.NatGatewayId)) continue;
            var tags = Tags(n.Tags);
            var props = Props((EventProperties.VpcId, n.VpcId), (EventProperties.SubnetId, n.SubnetId), (EventProperties.ConnectivityType, n.ConnectivityType?.Value));
            result.Add(new ObservedResource(n.NatGatewayId, ResourceTypes.NatGateway, NameOf(tags), state, tags, props,
                Utc(n.CreateTime), []));
        }
        return result;
    }

    private async Task<List<ObservedResource>> AddressesAsync(CancellationToken ct)
    {
        // DescribeAddresses is not paginated: one call returns every address of the region.
        var page = await ec2.DescribeAddressesAsync(new DescribeAddressesRequest(), ct);
        var result = new List<ObservedResource>();
        foreach (var a in page.Addresses ?? [])
        {
            var id = !string.IsNullOrEmpty(a.AllocationId) ? a.AllocationId : a.PublicIp;
            if (string.IsNullOrEmpty(id)) continue;
            var tags = Tags(a.Tags);
            var props = Props((EventProperties.PublicIp, a.PublicIp), (EventProperties.Domain, a.Domain?.Value), (EventProperties.InstanceId, a.InstanceId),
                (EventProperties.NetworkInterfaceId, a.NetworkInterfaceId));
            var edges = new List<ObservedEdge>();
            if (!string.IsNullOrEmpty(a.InstanceId)) edges.Add(new ObservedEdge(Relations.AssociatedWith, a.InstanceId));
            else if (!string.IsNullOrEmpty(a.NetworkInterfaceId)) edges.Add(new ObservedEdge(Relations.AssociatedWith, a.NetworkInterfaceId));
            var state = string.IsNullOrEmpty(a.AssociationId) && edges.Count == 0 ? ResourceStates.Unassociated : ResourceStates.Associated;
            result.Add(new ObservedResource(id, ResourceTypes.ElasticIp, NameOf(tags), state, tags, props, null, edges));
        }
        return result;
    }

    private async Task<List<ObservedResource>> NetworkInterfacesAsync(CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var balancers = new Dictionary<string, ObservedResource>();
        var pages = AllPages(t => ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => p.NetworkInterfaces, p => p.NextToken);
        await foreach (var n in pages)
        {
            if (string.IsNullOrEmpty(n.NetworkInterfaceId)) continue;
            var tags = Tags(n.TagSet);
            var type = n.InterfaceType?.Value ?? "";
            var props = Props((EventProperties.InterfaceType, type), (EventProperties.Description, n.Description), (EventProperties.RequesterId, n.RequesterId),
                (EventProperties.PrivateIp, n.PrivateIpAddress), (EventProperties.SubnetId, n.SubnetId), (EventProperties.VpcId, n.VpcId));
            var edges = new List<ObservedEdge>();
            var balancer = LoadBalancerName(n);
            if (balancer != null)
            {
                var lbId = $"elb-{balancer}";
                edges.Add(new ObservedEdge(Relations.InterfaceOf, lbId));
                if (!balancers.ContainsKey(lbId))
                    balancers[lbId] = new ObservedResource(lbId, ResourceTypes.LoadBalancer, balancer, ResourceStates.Active, tags,
                        Props((EventProperties.Kind, BalancerKind(balancer, type)), (EventProperties.VpcId, n.VpcId)), null, []);
            }
            else if (NatGatewayOf(n) is { } nat) edges.Add(new ObservedEdge(Relations.InterfaceOf, nat));
            else if (!string.IsNullOrEmpty(n.Attachment?.InstanceId)) edges.Add(new ObservedEdge(Relations.InterfaceOf, n.Attachment.InstanceId));
            result.Add(new ObservedResource(n.NetworkInterfaceId, ResourceTypes.NetworkInterface, NameOf(tags),
                n.Status?.Value ?? "", tags, props, null, edges));
        }
        result.AddRange(balancers.Values);
        return result;
    }

    /// <summary>Every item of every page, following NextToken until a page comes back without one.</summary>
    private static async IAsyncEnumerable<T> AllPages<TPage, T>(
        Func<string?, Task<TPage>> fetch, Func<TPage, IEnumerable<T>?> items, Func<TPage, string?> next)
    {
        string? token = null;
        do
        {
            var page = await fetch(token);
            foreach (var item in items(page) ?? []) yield return item;
            token = next(page);
        } while (!string.IsNullOrEmpty(token));
    }

    /// <summary>ELB interfaces say so: requester amazon-elb, a description "ELB app/name/id" (or "ELB name" for a
    /// classic one), or a load-balancer interface type.</summary>
    public static string? LoadBalancerName(NetworkInterface n)
    {
        var description = n.Description ?? "";
        var type = n.InterfaceType?.Value ?? "";
        var isElb = description.StartsWith("ELB ", StringComparison.Ordinal)
                    || string.Equals(n.RequesterId, "amazon-elb", StringComparison.Ordinal)
                    || type is "network_load_balancer" or "gateway_load_balancer";
        if (!isElb) return null;
        var name = description.StartsWith("ELB ", StringComparison.Ordinal) ? description[4..].Trim() : "";
        return name != "" ? name : n.NetworkInterfaceId;
    }

    private static string BalancerKind(string name, string interfaceType) => name switch
    {
        _ when name.StartsWith("app/", StringComparison.Ordinal) => "application",
        _ when name.StartsWith("net/", StringComparison.Ordinal) || interfaceType == "network_load_balancer" => "network",
        _ when name.StartsWith("gwy/", StringComparison.Ordinal) || interfaceType == "gateway_load_balancer" => "gateway",
        _ => "classic",
    };

    /// <summary>A NAT gateway's interface: type nat_gateway and the description "Interface for NAT Gateway nat-…".</summary>
    private static string? NatGatewayOf(NetworkInterface n)
    {
        var description = n.Description ?? "";
        var at = description.IndexOf("nat-", StringComparison.Ordinal);
        if (n.InterfaceType?.Value != ResourceTypes.NatGateway && !description.StartsWith("Interface for NAT Gateway", StringComparison.Ordinal))
            return null;
        return at >= 0 ? description[at..].Split(' ')[0] : null;
    }

    private static Dictionary<string, string> Tags(List<Tag>? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags ?? [])
            if (!string.IsNullOrEmpty(t.Key)) result[t.Key] = t.Value ?? "";
        return result;
    }

    private static string NameOf(IReadOnlyDictionary<string, string> tags) => tags.GetValueOrDefault("Name", "");

    private static Dictionary<string, string> Props(params (string Key, string? Value)[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
            if (!string.IsNullOrEmpty(value)) result[key] = value;
        return result;
    }

    private static string? Num(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static DateTime? Utc(DateTime? t) => t?.ToUniversalTime();
}
