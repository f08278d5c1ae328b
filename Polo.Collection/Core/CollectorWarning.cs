namespace Polo.Collection.Core;

/// <summary>Kinds of <see cref="CollectorWarning"/>, as stored in <c>collector_warnings.kind</c>.</summary>
public static class WarningKinds
{
    /// <summary>One resource had a field Polo cannot read; that resource was skipped (neither changed nor deleted).</summary>
    public const string SkippedResource = "skipped_resource";

    /// <summary>A tag key or value longer than AWS allows (128 / 256 characters) was cut to the limit.</summary>
    public const string TagTruncated = "tag_truncated";

    /// <summary>The same resource id came back twice in one listing; the later copy was kept.</summary>
    public const string DuplicateId = "duplicate_id";

    /// <summary>A poll would have deleted too large a share of one resource type; the deletion is held back.</summary>
    public const string DeletionHeld = "deletion_held";

    /// <summary>A tag key matched a configured key only case-insensitively, and more than one key did.</summary>
    public const string TagKeyCollision = "tag_key_collision";

    /// <summary>One resource type's listing failed; the other types still landed.</summary>
    public const string ListingFailed = "listing_failed";
}

/// <summary>Something a run noticed and handled without failing, shown on /collectors with the run.</summary>
public sealed record CollectorWarning(string Kind, string ResourceType, string ResourceId, string Message);

/// <summary>Collects the warnings of one run (thread-safe; AWS calls of one run may overlap).</summary>
public sealed class WarningSink
{
    private readonly List<CollectorWarning> _items = new();

    public void Add(string kind, string resourceType, string resourceId, string message)
    {
        lock (_items) _items.Add(new CollectorWarning(kind, resourceType, resourceId, message));
    }

    public IReadOnlyList<CollectorWarning> Items
    {
        get { lock (_items) return _items.ToList(); }
    }
}

/// <summary>A run that landed part of its data and failed for the rest: the runner records it as failed with the
/// rows and warnings of what did land.</summary>
public sealed class PartialCollectionException(string message, CollectorOutcome landed) : Exception(message)
{
    public CollectorOutcome Landed { get; } = landed;
}
