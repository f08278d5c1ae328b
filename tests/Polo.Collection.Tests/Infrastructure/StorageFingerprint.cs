using Polo.Data;

namespace Polo.Collection.Tests.Infrastructure;

/// <summary>
/// A fingerprint of everything collectors write (row count and an order-independent hash of every column of every
/// row): equal fingerprints mean storage is byte-for-byte the same. Run records and warnings are left out (a refused
/// answer is recorded, by design).
/// </summary>
public static class StorageFingerprint
{
    /// <summary>The tables, read as the application reads them (FINAL for the replacing ones, so a background merge
    /// is not a change).</summary>
    public static readonly string[] Tables =
    [
        "resource_events", "resource_snapshots FINAL", "resource_relationships FINAL", "hierarchy_nodes FINAL",
        "resource_ancestry FINAL", "held_deletions FINAL", "cost_hourly",
    ];

    public static async Task<string> OfAsync(IClickHouse ch)
    {
        var parts = new List<string>();
        foreach (var t in Tables)
            parts.Add($"{t}=" + await ch.ScalarAsync<string>(
                $"SELECT concat(toString(count()), ':', toString(sum(cityHash64(*)))) FROM {t}"));
        return string.Join(" ", parts);
    }
}
