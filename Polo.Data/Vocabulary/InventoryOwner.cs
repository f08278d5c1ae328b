namespace Polo.Data.Vocabulary;

/// <summary>
/// Values of resource_snapshots.<c>owner</c> (migration 035): who owns an inventory row. A resource API (the ec2-config poll, or
/// the demo generator standing in for it) owns what it has seen; the bill owns every other resource id it names.
/// A poll reads and diffs only the rows it owns, so it never writes <c>deleted</c> for a resource known only from
/// the bill; once a poll has seen a resource its row takes over, and the bill refresh leaves that resource alone.
/// </summary>
public static class InventoryOwner
{
    public const string Inventory = "inventory";
    public const string Bill = "bill";
}
