using System.Security.Cryptography;
using System.Text;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Inventory;

/// <summary>What an observation changes: events to append, snapshots and edges to write, identities that moved.</summary>
public sealed class DiffResult
{
    public List<EventRow> Events { get; } = new();
    public List<SnapshotRow> Snapshots { get; } = new();
    public List<RelationshipRow> Relationships { get; } = new();

    /// <summary>Resources whose place in the hierarchy is new or changed (their closure rows are rewritten).</summary>
    public List<(string ResourceId, string ResourceType, Identity Identity, bool Existed)> Placements { get; } = new();
}

/// <summary>
/// Compares what AWS shows now with the stored snapshots of one account and region. Pure: no I/O. Running it again
/// over the same AWS state (after its result was written) yields nothing. Event ids hash the account, resource,
/// event type, the change itself and the observation it was measured against, so a retried write is recognisable.
/// </summary>
public sealed class ResourceDiff(string accountId, string region, string source, HierarchyTags hierarchy)
{
    public DiffResult Compare(IReadOnlyCollection<ObservedResource> observed, IReadOnlyCollection<CurrentResource> current,
        IReadOnlyCollection<CurrentEdge> currentEdges, DateTime now)
    {
        var result = new DiffResult();
        var before = current.ToDictionary(c => c.ResourceId);
        var seen = observed.ToDictionary(o => o.ResourceId);
        var edgesBefore = currentEdges.GroupBy(e => e.FromId).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var o in observed)
        {
            var identity = hierarchy.IdentityOf(o.Tags);
            before.TryGetValue(o.ResourceId, out var old);
            var events = old == null ? Created(o, identity, now) : Changes(o, old, identity, now);
            var edgeChanged = CompareEdges(o, edgesBefore.GetValueOrDefault(o.ResourceId) ?? [], identity, old, now, result, events);
            result.Events.AddRange(events);

            var changed = old == null || events.Count > 0 || edgeChanged || old.Name != o.Name
                          || !Same(old.Tags, o.Tags) || !Same(old.Properties, o.Properties) || old.Identity != identity;
            if (changed)
                result.Snapshots.Add(new SnapshotRow(o.ResourceId, accountId, region, o.ResourceType, o.Name, o.State,
                    identity.Customer, identity.Cluster, identity.IndexName, new(o.Tags), new(o.Properties),
                    old?.CreatedAt ?? o.CreatedAt ?? now, null, 0, now));
            if (old == null ? identity.Customer != "" : old.Identity != identity)
                result.Placements.Add((o.ResourceId, o.ResourceType, identity, old != null));
        }

        foreach (var old in current.Where(c => !seen.ContainsKey(c.ResourceId)))
        {
            var state = old.ResourceType == ResourceTypes.Instance ? ResourceStates.Terminated : ResourceStates.Deleted;
            result.Events.Add(Event(old.ResourceId, old.ResourceType, old.Identity, EventTypes.Deleted, now,
                $"{old.State}|{old.ObservedAt:O}", new() { [EventProperties.LastState] = old.State }));
            result.Snapshots.Add(new SnapshotRow(old.ResourceId, accountId, region, old.ResourceType, old.Name, state,
                old.Customer, old.Cluster, old.IndexName, old.Tags, old.Properties, old.CreatedAt, now, 1, now));
            foreach (var e in edgesBefore.GetValueOrDefault(old.ResourceId) ?? [])
                result.Relationships.Add(new RelationshipRow(accountId, e.FromId, e.Relation, e.ToId, e.ValidFrom, 1, now));
        }
        return result;
    }

    private List<EventRow> Created(ObservedResource o, Identity identity, DateTime now)
    {
        var props = new Dictionary<string, string>(o.Properties) { [EventProperties.State] = o.State };
        return [Event(o.ResourceId, o.ResourceType, identity, EventTypes.Created, o.CreatedAt ?? now, "new", props)];
    }

    private List<EventRow> Changes(ObservedResource o, CurrentResource old, Identity identity, DateTime now)
    {
        var events = new List<EventRow>();
        var since = old.ObservedAt.ToString("O");

        if (Resize(o, old) is { } resize)
            events.Add(Event(o.ResourceId, o.ResourceType, identity, EventTypes.Resized, now,
                $"{resize[EventProperties.Old]}->{resize[EventProperties.New]}|{since}", resize));

        if (old.State != o.State)
            events.Add(Event(o.ResourceId, o.ResourceType, identity, EventTypes.StateChanged, now,
                $"{old.State}->{o.State}|{since}", new() { [EventProperties.OldState] = old.State, [EventProperties.NewState] = o.State }));

        foreach (var key in old.Tags.Keys.Union(o.Tags.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.Tags.GetValueOrDefault(key, "");
            var now_ = o.Tags.GetValueOrDefault(key, "");
            if (was == now_ && old.Tags.ContainsKey(key) == o.Tags.ContainsKey(key)) continue;
            events.Add(Event(o.ResourceId, o.ResourceType, identity, EventTypes.TagChanged, now,
                $"{key}:{was}->{now_}|{since}", new() { [EventProperties.Key] = key, [EventProperties.Old] = was, [EventProperties.New] = now_ }));
        }
        return events;
    }

    /// <summary>Instance type, or volume size / type / IOPS: old and new in <c>old</c>/<c>new</c> plus one pair per field.</summary>
    private static Dictionary<string, string>? Resize(ObservedResource o, CurrentResource old)
    {
        string[] fields = o.ResourceType switch
        {
            ResourceTypes.Instance => [EventProperties.InstanceType],
            ResourceTypes.Volume => [EventProperties.SizeGb, EventProperties.VolumeType, EventProperties.Iops],
            _ => [],
        };
        var changed = fields.Where(f => old.Properties.GetValueOrDefault(f, "") != o.Properties.GetValueOrDefault(f, "")).ToList();
        if (changed.Count == 0) return null;
        string Describe(IReadOnlyDictionary<string, string> p) => o.ResourceType == ResourceTypes.Instance
            ? p.GetValueOrDefault(EventProperties.InstanceType, "")
            : $"{p.GetValueOrDefault(EventProperties.SizeGb, "?")} GiB {p.GetValueOrDefault(EventProperties.VolumeType, "")}"
              + (p.TryGetValue(EventProperties.Iops, out var iops) ? $" {iops} IOPS" : "");
        var props = new Dictionary<string, string> { [EventProperties.Old] = Describe(old.Properties), [EventProperties.New] = Describe(o.Properties) };
        foreach (var f in changed)
        {
            props[$"old_{f}"] = old.Properties.GetValueOrDefault(f, "");
            props[$"new_{f}"] = o.Properties.GetValueOrDefault(f, "");
        }
        return props;
    }

    /// <summary>New edges are written; vanished ones are closed (is_deleted = 1). A volume's attachment changes
    /// also produce attached / detached events, as the demo generator writes them.</summary>
    private bool CompareEdges(ObservedResource o, List<CurrentEdge> before, Identity identity, CurrentResource? old,
        DateTime now, DiffResult result, List<EventRow> events)
    {
        var changed = false;
        var since = old?.ObservedAt.ToString("O") ?? "new";
        foreach (var e in o.Edges.Distinct())
        {
            if (before.Any(b => b.Relation == e.Relation && b.ToId == e.ToId)) continue;
            changed = true;
            result.Relationships.Add(new RelationshipRow(accountId, o.ResourceId, e.Relation, e.ToId, now, 0, now));
            if (e.Relation == Relations.AttachedTo)
                events.Add(Event(o.ResourceId, o.ResourceType, identity, EventTypes.Attached, now, $"{e.ToId}|{since}",
                    new() { [EventProperties.Target] = e.ToId }));
        }
        foreach (var b in before)
        {
            if (o.Edges.Any(e => e.Relation == b.Relation && e.ToId == b.ToId)) continue;
            changed = true;
            result.Relationships.Add(new RelationshipRow(accountId, b.FromId, b.Relation, b.ToId, b.ValidFrom, 1, now));
            if (b.Relation == Relations.AttachedTo)
                events.Add(Event(o.ResourceId, o.ResourceType, identity, EventTypes.Detached, now, $"{b.ToId}|{since}",
                    new() { [EventProperties.Target] = b.ToId }));
        }
        return changed;
    }

    private EventRow Event(string resourceId, string resourceType, Identity identity, string type, DateTime at,
        string change, Dictionary<string, string> props) =>
        new(at, EventId(accountId, resourceId, type, change), accountId, region, resourceId, resourceType, type, source,
            "polo-collector", identity.Customer, identity.Cluster, identity.IndexName, props);

    public static string EventId(string accountId, string resourceId, string eventType, string change) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}|{resourceId}|{eventType}|{change}")))[..32];

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
