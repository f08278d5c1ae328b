using System.Security.Cryptography;
using System.Text;
using Polo.Collection.Configuration;
using Polo.Collection.Core;

namespace Polo.Collection.Inventory.Safety;

/// <summary>
/// The deletion safety valve. Deletion needs positive evidence (a complete, well-formed listing); even then, a poll
/// that would delete more than <see cref="CollectionSafetyOptions.HoldDeletionShare"/> of an account/region's stored
/// resources of one type (and at least <see cref="CollectionSafetyOptions.HoldDeletionMinimum"/>) is held back: those
/// resources stay as they are, the proposal is stored once in <c>held_deletions</c>, and it is applied by a later
/// poll proposing the same deletions only after an operator confirmed it (<see cref="HeldDeletionService"/>).
/// </summary>
public sealed class DeletionValve(HeldDeletionStore store, CollectionSafetyOptions limits)
{
    public const string Collector = "ec2-config";

    /// <summary>The stored rows the poll may diff against (held-back deletions removed), with the holds to write.</summary>
    public async Task<IReadOnlyCollection<CurrentResource>> FilterAsync(string accountId, string region,
        IReadOnlyCollection<CurrentResource> current, IReadOnlySet<string> seenIds, WarningSink warnings, DateTime now,
        CancellationToken ct)
    {
        var types = current.Select(c => c.ResourceType).Distinct().ToList();
        if (types.Count == 0) return current;
        var holds = (await store.ForAsync(accountId, region, types, ct)).ToDictionary(h => h.HoldId);
        var withheld = new HashSet<string>(StringComparer.Ordinal);
        var writes = new List<HeldDeletionRow>();

        foreach (var byType in current.GroupBy(c => c.ResourceType))
        {
            var stored = byType.Count();
            var gone = byType.Where(c => !seenIds.Contains(c.ResourceId)).Select(c => c.ResourceId).Order(StringComparer.Ordinal).ToArray();
            var proposed = gone.Length > 0 ? HoldId(accountId, region, byType.Key, gone) : null;
            // A hold on a different proposal for this type is stale now.
            foreach (var stale in holds.Values.Where(h => h.ResourceType == byType.Key && h.HoldId != proposed
                                                          && h.Status is HoldStatus.Held or HoldStatus.Confirmed))
                writes.Add(stale with { Status = HoldStatus.Superseded, UpdatedAt = now });
            if (proposed is null || !TooMany(gone.Length, stored)) continue;

            holds.TryGetValue(proposed, out var hold);
            if (hold?.Status == HoldStatus.Confirmed)
            {
                writes.Add(hold with { Status = HoldStatus.Applied, UpdatedAt = now });
                continue; // confirmed by an operator: the deletions go ahead
            }
            withheld.UnionWith(gone);
            if (hold is null || hold.Status is HoldStatus.Superseded or HoldStatus.Applied)
            {
                writes.Add(new HeldDeletionRow(proposed, Collector, accountId, region, byType.Key, gone, (uint)stored,
                    HoldStatus.Held, now, "", now));
                warnings.Add(WarningKinds.DeletionHeld, byType.Key, "",
                    $"{gone.Length} of {stored} {byType.Key} resources would be deleted ({gone.Length * 100 / stored}%, over " +
                    $"{limits.HoldDeletionShare:P0}); the deletion is held until an operator confirms it");
            }
        }
        await store.WriteAsync(writes, ct);
        return withheld.Count == 0 ? current : current.Where(c => !withheld.Contains(c.ResourceId)).ToList();
    }

    private bool TooMany(int gone, int stored) =>
        gone >= Math.Max(1, limits.HoldDeletionMinimum) && gone > limits.HoldDeletionShare * stored;

    public static string HoldId(string accountId, string region, string type, IEnumerable<string> sortedIds) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{accountId}|{region}|{type}|{string.Join(",", sortedIds)}")))[..32];
}
