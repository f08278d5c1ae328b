using Polo.Collection.Inventory;

namespace Polo.Collection.Ec2;

/// <summary>
/// What one EC2 poll read: the resources of every type whose listing completed, the types whose listing failed
/// (with the reason; nothing of those types may be changed or deleted), and the ids that were seen but unreadable
/// (they count as present and unchanged).
/// </summary>
public sealed class Ec2Listing
{
    public List<ObservedResource> Resources { get; } = new();

    public HashSet<string> CompleteTypes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> FailedTypes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SkippedIds { get; } = new(StringComparer.Ordinal);
}
