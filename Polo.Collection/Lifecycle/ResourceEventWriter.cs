using System.Security.Cryptography;
using System.Text;
using Polo.Collection.Core;
using Polo.Collection.Cost.Tagging;
using Polo.Data;
using Polo.Data.Rows;
using Polo.Data.Tagging;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Lifecycle;

/// <summary>
/// Writes lifecycle events to resource_events idempotently: event_id is derived from the CloudTrail eventID and the
/// resource id, and ids already held are skipped; one state change seen through two channels is written once
/// (<see cref="LifecycleDuplicates"/>). Identity columns come from hierarchy tags carried by the event,
/// otherwise from the resource's current snapshot.
/// </summary>
public sealed class ResourceEventWriter(IClickHouse ch, HierarchyTagKeys tagKeys, TimeSpan? duplicateWindow = null)
{
    public const string Source = "cloudtrail";

    /// <summary>See <see cref="LifecycleOptions.DuplicateWindowMinutes"/>.</summary>
    public static readonly TimeSpan DefaultDuplicateWindow = TimeSpan.FromMinutes(15);

    public static string EventId(string cloudTrailEventId, string resourceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Source}|{cloudTrailEventId}|{resourceId}")))[..24];

    public async Task<long> WriteAsync(IReadOnlyList<LifecycleEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return 0;
        events = await ResolveAddressesAsync(events, ct);
        if (events.Count == 0) return 0;
        var candidates = events
            .Select(e => (Id: EventId(e.CloudTrailEventId, e.ResourceId), Event: e))
            .DistinctBy(x => x.Id)
            .ToList();
        var held = await HeldEvents.IdsAsync(ch,
            candidates.Select(c => (c.Event.AccountId, c.Event.ResourceId, c.Id)).ToList(), ct);
        var fresh = candidates.Where(c => !held.Contains(c.Id)).ToList();
        fresh = await LifecycleDuplicates.RemoveAsync(ch, fresh, duplicateWindow ?? DefaultDuplicateWindow, ct);
        if (fresh.Count == 0) return 0;

        var known = await new ResourceIdentityLookup(ch).FindAsync(fresh.Select(f => f.Event.ResourceId).Distinct().ToList(), ct);
        var rows = fresh.Select(f => ToRow(f.Id, f.Event, known.GetValueOrDefault(f.Event.ResourceId))).ToList();
        return await ch.InsertAsync("resource_events", rows, ct: ct);
    }

    private sealed record AddressRow(string ResourceId, string AssociationId, string PublicIp);

    /// <summary>Events naming an Elastic IP by association or public IP get its allocation id; unknown ones are dropped.</summary>
    private async Task<IReadOnlyList<LifecycleEvent>> ResolveAddressesAsync(IReadOnlyList<LifecycleEvent> events, CancellationToken ct)
    {
        if (!events.Any(e => AddressRef.IsRef(e.ResourceId))) return events;
        var addresses = await ch.QueryAsync<AddressRow>("""
            SELECT resource_id, properties['association_id'] AS association_id, properties['public_ip'] AS public_ip
            FROM resource_snapshots FINAL WHERE resource_type = 'elastic_ip'
            """, ct: ct);
        string? Resolve(string id) => id.StartsWith(AddressRef.ByAssociation, StringComparison.Ordinal)
            ? addresses.FirstOrDefault(a => a.AssociationId == id[AddressRef.ByAssociation.Length..])?.ResourceId
            : addresses.FirstOrDefault(a => a.PublicIp == id[AddressRef.ByPublicIp.Length..])?.ResourceId;
        return events
            .Select(e => AddressRef.IsRef(e.ResourceId) ? Resolve(e.ResourceId) is { } id ? e with { ResourceId = id } : null : e)
            .OfType<LifecycleEvent>().ToList();
    }

    private EventRow ToRow(string eventId, LifecycleEvent e, KnownResource? known)
    {
        var identity = known is null ? HierarchyIdentity.None : new HierarchyIdentity(known.Customer, known.Cluster, known.IndexName);
        identity = Apply(identity, e.Tags);
        var props = new Dictionary<string, string>(e.Properties);
        if (e.EventType == EventTypes.TagChanged) DescribeTagChange(props, e.Tags, known);
        if (e.EventType == EventTypes.Resized && !props.ContainsKey(EventProperties.Old) && known is not null
            && known.Properties.TryGetValue(EventProperties.InstanceType, out var oldType))
            props[EventProperties.Old] = oldType;
        var type = e.ResourceType != "" ? e.ResourceType : known?.ResourceType ?? "";
        return new EventRow(e.EventTime, eventId, e.AccountId, e.Region, e.ResourceId, type, e.EventType, Source,
            e.Actor, identity.Customer, identity.Cluster, identity.IndexName, props);
    }

    /// <summary>Hierarchy tags set (or removed) by the event override the snapshot's identity.</summary>
    private HierarchyIdentity Apply(HierarchyIdentity identity, IReadOnlyDictionary<string, string?> tags)
    {
        // A removed tag (DeleteTags) has value null: it clears that part of the identity.
        var set = tags.ToDictionary(t => t.Key, t => t.Value ?? "", StringComparer.Ordinal);
        string Pick(string current, string key)
        {
            var found = TagResolver.Find(set, key);
            return found.Match is TagMatch.Exact or TagMatch.CaseInsensitive ? found.Value : current;
        }
        return new HierarchyIdentity(Pick(identity.Customer, tagKeys.Customer), Pick(identity.Cluster, tagKeys.Cluster),
            Pick(identity.IndexName, tagKeys.Index));
    }

    /// <summary>key/old/new of the most relevant tag (a hierarchy tag first), plus every tag the event touched.</summary>
    private void DescribeTagChange(Dictionary<string, string> props, IReadOnlyDictionary<string, string?> tags, KnownResource? known)
    {
        if (tags.Count == 0) return;
        var hierarchy = new[] { tagKeys.Customer, tagKeys.Cluster, tagKeys.Index };
        var main = tags.Keys.FirstOrDefault(k => hierarchy.Any(h => HierarchyTagResolver.IsNameOf(k, h))) ?? tags.Keys.First();
        props[EventProperties.Key] = main;
        props[EventProperties.Old] = known?.Tags.GetValueOrDefault(main) ?? "";
        props[EventProperties.New] = tags[main] ?? "";
        props[EventProperties.Tags] = string.Join(",", tags.Select(t => t.Value is null ? $"-{t.Key}" : $"{t.Key}={t.Value}"));
    }
}
