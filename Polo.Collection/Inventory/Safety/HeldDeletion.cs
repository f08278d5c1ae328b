namespace Polo.Collection.Inventory.Safety;

public static class HoldStatus
{
    public const string Held = "held";
    public const string Confirmed = "confirmed";
    public const string Applied = "applied";
    public const string Superseded = "superseded";
}

/// <summary>One row of <c>held_deletions</c>: deletions a poll proposed and the safety valve held back.</summary>
public sealed record HeldDeletionRow(
    string HoldId, string Collector, string AccountId, string Region, string ResourceType, string[] ResourceIds,
    uint StoredCount, string Status, DateTime HeldAt, string DecidedBy, DateTime UpdatedAt)
{
    public double Share => StoredCount == 0 ? 0 : (double)ResourceIds.Length / StoredCount;
}
