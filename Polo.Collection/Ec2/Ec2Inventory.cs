using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Polo.Collection.Aws;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Collection.Ec2.Responses;
using Polo.Collection.Inventory;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Ec2;

/// <summary>
/// Reads one account and region's EC2 estate (instances, volumes, own snapshots, NAT gateways, Elastic IPs, network
/// interfaces, and load balancers seen through their interfaces), following NextToken through every page, at most
/// <see cref="CollectionSafetyOptions.MaxPagesPerCall"/> pages per call. Each type is read on its own: a failing
/// listing marks only its types as failed. A resource whose fields cannot be read is skipped with a warning; a tag
/// longer than AWS allows is cut to the limit with a warning; an id listed twice keeps its later copy, with a warning.
/// </summary>
public sealed class Ec2Inventory(IAmazonEC2 ec2, WarningSink warnings, CollectionSafetyOptions? limits = null)
{
    private const int PageSize = 1000;

    /// <summary>AWS's own limits on tag keys and values.</summary>
    public const int MaxTagKeyLength = 128;
    public const int MaxTagValueLength = 256;

    private static readonly HashSet<string> InstanceStates = new(StringComparer.Ordinal)
    {
        ResourceStates.Pending, ResourceStates.Running, ResourceStates.ShuttingDown, ResourceStates.Terminated,
        ResourceStates.Stopping, ResourceStates.Stopped,
    };

    private readonly int _maxPages = Math.Max(1, (limits ?? new CollectionSafetyOptions()).MaxPagesPerCall);

    public async Task<Ec2Listing> ReadAsync(CancellationToken ct)
    {
        var listing = new Ec2Listing();
        await ReadTypeAsync(listing, "DescribeInstances", [ResourceTypes.Instance], InstancesAsync, ct);
        await ReadTypeAsync(listing, "DescribeVolumes", [ResourceTypes.Volume], VolumesAsync, ct);
        await ReadTypeAsync(listing, "DescribeSnapshots", [ResourceTypes.Snapshot], SnapshotsAsync, ct);
        await ReadTypeAsync(listing, "DescribeNatGateways", [ResourceTypes.NatGateway], NatGatewaysAsync, ct);
        await ReadTypeAsync(listing, "DescribeAddresses", [ResourceTypes.ElasticIp], AddressesAsync, ct);
        await ReadTypeAsync(listing, "DescribeNetworkInterfaces", [ResourceTypes.NetworkInterface, ResourceTypes.LoadBalancer],
            NetworkInterfacesAsync, ct);
        return listing;
    }

    private async Task ReadTypeAsync(Ec2Listing listing, string action, string[] types,
        Func<Ec2Listing, CancellationToken, Task<List<ObservedResource>>> read, CancellationToken ct)
    {
        List<ObservedResource> resources;
        try
        {
            resources = await read(listing, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = Reason(e);
            foreach (var t in types) listing.FailedTypes[t] = reason;
            warnings.Add(WarningKinds.ListingFailed, string.Join(",", types), "", $"{action}: {reason}");
            return;
        }
        listing.Resources.AddRange(Deduplicated(resources, action));
        foreach (var t in types) listing.CompleteTypes.Add(t);
    }

    private static string Reason(Exception e) => e switch
    {
        MalformedAwsResponseException m => m.Message,
        AmazonClientException { InnerException: MalformedAwsResponseException m } => m.Message,
        _ => AwsErrors.Describe(e),
    };

    /// <summary>An id seen twice (a page boundary shifting under us, or a bad answer): the later copy is kept.</summary>
    private List<ObservedResource> Deduplicated(List<ObservedResource> resources, string action)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<ObservedResource>();
        foreach (var r in resources)
        {
            if (byId.TryGetValue(r.ResourceId, out var at))
            {
                if (r.ResourceType != ResourceTypes.LoadBalancer)
                    warnings.Add(WarningKinds.DuplicateId, r.ResourceType, r.ResourceId,
                        $"{action}: {r.ResourceId} was listed more than once; the later copy was kept");
                result[at] = r;
                continue;
            }
            byId[r.ResourceId] = result.Count;
            result.Add(r);
        }
        return result;
    }

    /// <summary>Maps one item; a field that cannot be read skips that resource (warned, and kept as it was).</summary>
    private void MapOne<T>(Ec2Listing listing, string resourceType, string? id, T item, Func<T, ObservedResource?> map,
        List<ObservedResource> into)
    {
        try
        {
            if (map(item) is { } resource) into.Add(resource);
        }
        catch (SkipResourceException e)
        {
            if (!string.IsNullOrEmpty(id)) listing.SkippedIds.Add(id);
            warnings.Add(WarningKinds.SkippedResource, resourceType, id ?? "", $"{id} skipped: {e.Message}");
        }
    }

    private sealed class SkipResourceException(string reason) : Exception(reason);

    private async Task<List<ObservedResource>> InstancesAsync(Ec2Listing listing, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages("DescribeInstances", t => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => (p.Reservations ?? []).SelectMany(r => r.Instances ?? []), p => p.NextToken);
        await foreach (var i in pages)
            MapOne(listing, ResourceTypes.Instance, i.InstanceId, i, Instance, result);
        return result;
    }

    private ObservedResource? Instance(Instance i)
    {
        var state = i.State?.Name?.Value ?? "";
        // Terminated instances linger in the API for a while; to us they are gone.
        if (state == ResourceStates.Terminated || string.IsNullOrEmpty(i.InstanceId)) return null;
        if (!InstanceStates.Contains(state))
            throw new SkipResourceException($"instance state '{Ec2TypedFields.Clip(state)}' is not one EC2 documents");
        var tags = Tags(i.Tags, ResourceTypes.Instance, i.InstanceId);
        var props = Props((EventProperties.InstanceType, i.InstanceType?.Value), (EventProperties.AvailabilityZone, i.Placement?.AvailabilityZone),
            (EventProperties.VpcId, i.VpcId), (EventProperties.SubnetId, i.SubnetId));
        return new ObservedResource(i.InstanceId, ResourceTypes.Instance, NameOf(tags), state, tags, props,
            Utc(i.LaunchTime), []);
    }

    private async Task<List<ObservedResource>> VolumesAsync(Ec2Listing listing, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages("DescribeVolumes", t => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => p.Volumes, p => p.NextToken);
        await foreach (var volume in pages)
            MapOne(listing, ResourceTypes.Volume, volume.VolumeId, volume, v =>
        {
            if (string.IsNullOrEmpty(v.VolumeId)) return null;
            var tags = Tags(v.Tags, ResourceTypes.Volume, v.VolumeId);
            var attachedTo = (v.Attachments ?? []).Select(a => a.InstanceId).FirstOrDefault(id => !string.IsNullOrEmpty(id));
            var props = Props((EventProperties.SizeGb, Num(v.Size)), (EventProperties.VolumeType, v.VolumeType?.Value), (EventProperties.Iops, Num(v.Iops)),
                (EventProperties.Throughput, Num(v.Throughput)), (EventProperties.AvailabilityZone, v.AvailabilityZone));
            var edges = attachedTo == null ? new List<ObservedEdge>() : [new ObservedEdge(Relations.AttachedTo, attachedTo)];
            return new ObservedResource(v.VolumeId, ResourceTypes.Volume, NameOf(tags), v.State?.Value ?? "", tags,
                props, Utc(v.CreateTime), edges);
        }, result);
        return result;
    }

    private async Task<List<ObservedResource>> SnapshotsAsync(Ec2Listing listing, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages("DescribeSnapshots",
            t => ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], NextToken = t, MaxResults = PageSize }, ct),
            p => p.Snapshots, p => p.NextToken);
        await foreach (var snapshot in pages)
            MapOne(listing, ResourceTypes.Snapshot, snapshot.SnapshotId, snapshot, s =>
        {
            if (string.IsNullOrEmpty(s.SnapshotId)) return null;
            var tags = Tags(s.Tags, ResourceTypes.Snapshot, s.SnapshotId);
            var props = Props((EventProperties.SizeGb, Num(s.VolumeSize)), (EventProperties.VolumeId, s.VolumeId));
            // Snapshots copied from elsewhere carry the placeholder volume vol-ffffffff.
            var edges = string.IsNullOrEmpty(s.VolumeId) || s.VolumeId == "vol-ffffffff"
                ? new List<ObservedEdge>() : [new ObservedEdge(Relations.SnapshotOf, s.VolumeId)];
            return new ObservedResource(s.SnapshotId, ResourceTypes.Snapshot, NameOf(tags), s.State?.Value ?? "", tags,
                props, Utc(s.StartTime), edges);
        }, result);
        return result;
    }

    private async Task<List<ObservedResource>> NatGatewaysAsync(Ec2Listing listing, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var pages = AllPages("DescribeNatGateways", t => ec2.DescribeNatGatewaysAsync(new DescribeNatGatewaysRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => p.NatGateways, p => p.NextToken);
        await foreach (var nat in pages)
            MapOne(listing, ResourceTypes.NatGateway, nat.NatGatewayId, nat, n =>
        {
            var state = n.State?.Value ?? "";
            if (state == ResourceStates.Deleted || string.IsNullOrEmpty(n.NatGatewayId)) return null;
            var tags = Tags(n.Tags, ResourceTypes.NatGateway, n.NatGatewayId);
            var props = Props((EventProperties.VpcId, n.VpcId), (EventProperties.SubnetId, n.SubnetId), (EventProperties.ConnectivityType, n.ConnectivityType?.Value));
            return new ObservedResource(n.NatGatewayId, ResourceTypes.NatGateway, NameOf(tags), state, tags, props,
                Utc(n.CreateTime), []);
        }, result);
        return result;
    }

    private async Task<List<ObservedResource>> AddressesAsync(Ec2Listing listing, CancellationToken ct)
    {
        // DescribeAddresses is not paginated: one call returns every address of the region.
        var page = await ec2.DescribeAddressesAsync(new DescribeAddressesRequest(), ct);
        var result = new List<ObservedResource>();
        foreach (var address in page.Addresses ?? [])
            MapOne(listing, ResourceTypes.ElasticIp, address.AllocationId ?? address.PublicIp, address, a =>
        {
            var id = !string.IsNullOrEmpty(a.AllocationId) ? a.AllocationId : a.PublicIp;
            if (string.IsNullOrEmpty(id)) return null;
            var tags = Tags(a.Tags, ResourceTypes.ElasticIp, id);
            var props = Props((EventProperties.PublicIp, a.PublicIp), (EventProperties.Domain, a.Domain?.Value), (EventProperties.InstanceId, a.InstanceId),
                (EventProperties.NetworkInterfaceId, a.NetworkInterfaceId), ("association_id", a.AssociationId));
            var edges = new List<ObservedEdge>();
            if (!string.IsNullOrEmpty(a.InstanceId)) edges.Add(new ObservedEdge(Relations.AssociatedWith, a.InstanceId));
            else if (!string.IsNullOrEmpty(a.NetworkInterfaceId)) edges.Add(new ObservedEdge(Relations.AssociatedWith, a.NetworkInterfaceId));
            var state = string.IsNullOrEmpty(a.AssociationId) && edges.Count == 0 ? ResourceStates.Unassociated : ResourceStates.Associated;
            return new ObservedResource(id, ResourceTypes.ElasticIp, NameOf(tags), state, tags, props, null, edges);
        }, result);
        return result;
    }

    private async Task<List<ObservedResource>> NetworkInterfacesAsync(Ec2Listing listing, CancellationToken ct)
    {
        var result = new List<ObservedResource>();
        var balancers = new Dictionary<string, ObservedResource>();
        var pages = AllPages("DescribeNetworkInterfaces", t => ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NextToken = t, MaxResults = PageSize }, ct),
            p => p.NetworkInterfaces, p => p.NextToken);
        await foreach (var eni in pages)
            MapOne(listing, ResourceTypes.NetworkInterface, eni.NetworkInterfaceId, eni, n =>
        {
            if (string.IsNullOrEmpty(n.NetworkInterfaceId)) return null;
            var tags = Tags(n.TagSet, ResourceTypes.NetworkInterface, n.NetworkInterfaceId);
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
            return new ObservedResource(n.NetworkInterfaceId, ResourceTypes.NetworkInterface, NameOf(tags),
                n.Status?.Value ?? "", tags, props, null, edges);
        }, result);
        result.AddRange(balancers.Values);
        return result;
    }

    /// <summary>Every item of every page, following NextToken until a page comes back without one. A token seen before,
    /// or more pages than the limit, refuses the whole listing (a runaway paginator is not "everything").</summary>
    private async IAsyncEnumerable<T> AllPages<TPage, T>(string action,
        Func<string?, Task<TPage>> fetch, Func<TPage, IEnumerable<T>?> items, Func<TPage, string?> next)
    {
        string? token = null;
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        do
        {
            if (++pages > _maxPages)
                throw new MalformedAwsResponseException($"{action} returned more than {_maxPages} pages " +
                    "(Collection:Safety:MaxPagesPerCall); the listing was refused and nothing from it was written.");
            var page = await fetch(token);
            foreach (var item in items(page) ?? []) yield return item;
            token = next(page);
            if (!string.IsNullOrEmpty(token) && !tokens.Add(token))
                throw new MalformedAwsResponseException($"{action} handed back a NextToken it had already given " +
                    "(a paging loop); the listing was refused and nothing from it was written.");
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

    /// <summary>Tags as AWS holds them; a key or value over AWS's limits is cut to the limit and flagged.</summary>
    private Dictionary<string, string> Tags(List<Tag>? tags, string resourceType, string resourceId)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags ?? [])
        {
            if (string.IsNullOrEmpty(t.Key)) continue;
            var key = t.Key;
            var value = t.Value ?? "";
            if (key.Length > MaxTagKeyLength)
            {
                warnings.Add(WarningKinds.TagTruncated, resourceType, resourceId,
                    $"{resourceId}: tag key of {key.Length:N0} characters cut to {MaxTagKeyLength} ('{key[..24]}…')");
                key = key[..MaxTagKeyLength];
            }
            if (value.Length > MaxTagValueLength)
            {
                warnings.Add(WarningKinds.TagTruncated, resourceType, resourceId,
                    $"{resourceId}: value of tag '{Ec2TypedFields.Clip(key)}' ({value.Length:N0} characters) cut to {MaxTagValueLength}");
                value = value[..MaxTagValueLength];
            }
            result[key] = value;
        }
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
