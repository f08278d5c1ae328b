using Polo.Data;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Lifecycle;

/// <summary>
/// One change seen through two channels is one event. A stop (or start, or termination) arrives both as the CloudTrail
/// call (StopInstances, at the call's time) and as EC2's state-change notification (at the time the state settled),
/// with two different ids. The rule: an event is a duplicate of an event already stored or already accepted in this
/// write when both are on the same resource of the same account, have the same event type and the same resulting
/// state (<c>new_state</c> for <c>state_changed</c>; any <c>deleted</c>; <c>created</c>), lie within
/// <see cref="LifecycleOptions.DuplicateWindowMinutes"/> of each other, and no other state change, creation or deletion
/// of that resource lies between them. The first one seen is kept (storage is append-only), so a quick stop → start
/// → stop stays three events. Other event types are never merged: two tag changes a minute apart are two changes.
/// </summary>
internal static class LifecycleDuplicates
{
    private static readonly string[] StateTypes = [EventTypes.StateChanged, EventTypes.Deleted, EventTypes.Created];

    private sealed record Held(string AccountId, string ResourceId, string EventType, string NewState, DateTime EventTime);

    /// <summary>What a state event leaves the resource in: its type plus, for a state change, the new state.</summary>
    private static string Outcome(string eventType, string newState) =>
        eventType == EventTypes.StateChanged ? $"{eventType}:{newState}" : eventType;

    /// <summary><paramref name="fresh"/> without the duplicates of stored events or of each other.</summary>
    public static async Task<List<(string Id, LifecycleEvent Event)>> RemoveAsync(IClickHouse ch,
        List<(string Id, LifecycleEvent Event)> fresh, TimeSpan window, CancellationToken ct)
    {
        var states = fresh.Where(f => StateTypes.Contains(f.Event.EventType)).ToList();
        if (states.Count == 0 || window <= TimeSpan.Zero) return fresh;
        var stored = await ch.QueryAsync<Held>("""
            SELECT toString(account_id) AS account_id, resource_id, toString(event_type) AS event_type,
                   properties['new_state'] AS new_state, event_time
            FROM resource_events
            WHERE resource_id IN (SELECT arrayJoin({resources:Array(String)})) AND event_type IN {types:Array(String)}
              AND event_time BETWEEN {from:DateTime64(3)} AND {to:DateTime64(3)}
            """, new QueryParams
        {
            ["resources"] = states.Select(s => s.Event.ResourceId).Distinct().ToArray(),
            ["types"] = StateTypes,
            ["from"] = states.Min(s => s.Event.EventTime) - window,
            ["to"] = states.Max(s => s.Event.EventTime) + window,
        }, ct).ConfigureAwait(false);

        var accepted = stored.GroupBy(h => (h.AccountId, h.ResourceId))
            .ToDictionary(g => g.Key, g => g.Select(h => (h.EventTime, Outcome: Outcome(h.EventType, h.NewState))).ToList());
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, e) in states.OrderBy(s => s.Event.EventTime))
        {
            var key = (e.AccountId, e.ResourceId);
            if (!accepted.TryGetValue(key, out var seen)) accepted[key] = seen = [];
            var outcome = Outcome(e.EventType, e.Properties.GetValueOrDefault(EventProperties.NewState, ""));
            if (seen.Any(s => IsSame(s, e.EventTime, outcome, seen, window))) duplicates.Add(id);
            else seen.Add((e.EventTime, outcome));
        }
        return duplicates.Count == 0 ? fresh : fresh.Where(f => !duplicates.Contains(f.Id)).ToList();
    }

    private static bool IsSame((DateTime At, string Outcome) earlier, DateTime at, string outcome,
        List<(DateTime At, string Outcome)> seen, TimeSpan window)
    {
        if (earlier.Outcome != outcome || (at - earlier.At).Duration() > window) return false;
        var (from, to) = earlier.At <= at ? (earlier.At, at) : (at, earlier.At);
        return !seen.Any(s => s.At > from && s.At < to && s.Outcome != outcome);
    }
}
