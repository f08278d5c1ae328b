using Polo.Data;

namespace Polo.Collection.Core;

/// <summary>
/// Which event ids resource_events already holds, so collectors append only what is new (event ids are deterministic
/// per source event). Filtering by account and resource as well lets ClickHouse use the table's sort key; the lists are
/// matched as sets (`IN (SELECT arrayJoin(…))`: the array-literal form slows down as a list grows, see DeltaInputs).
/// </summary>
public static class HeldEvents
{
    public static async Task<HashSet<string>> IdsAsync(IClickHouse ch,
        IReadOnlyCollection<(string AccountId, string ResourceId, string EventId)> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return new HashSet<string>(StringComparer.Ordinal);
        var held = await ch.QueryAsync<HeldId>("""
            SELECT DISTINCT event_id FROM resource_events
            WHERE account_id IN (SELECT arrayJoin({accounts:Array(String)})) AND resource_id IN (SELECT arrayJoin({resources:Array(String)}))
              AND event_id IN (SELECT arrayJoin({ids:Array(String)}))
            """, new QueryParams
        {
            ["accounts"] = candidates.Select(c => c.AccountId).Distinct().ToArray(),
            ["resources"] = candidates.Select(c => c.ResourceId).Distinct().ToArray(),
            ["ids"] = candidates.Select(c => c.EventId).Distinct().ToArray(),
        }, ct).ConfigureAwait(false);
        return held.Select(h => h.EventId).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record HeldId(string EventId);
}
