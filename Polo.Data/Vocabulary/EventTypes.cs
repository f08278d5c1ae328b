namespace Polo.Data.Vocabulary;

/// <summary>Values of <c>resource_events.event_type</c>; their properties are named in <see cref="EventProperties"/>.</summary>
public static class EventTypes
{
    /// <summary>Properties: what the resource was created with (instance_type, size_gb, volume_type, state…).</summary>
    public const string Created = "created";
    public const string Deleted = "deleted";
    /// <summary>Properties: old, new (instance type, or "100 GiB gp3").</summary>
    public const string Resized = "resized";
    /// <summary>Properties: old_state, new_state.</summary>
    public const string StateChanged = "state_changed";
    /// <summary>Properties: key, old, new.</summary>
    public const string TagChanged = "tag_changed";
    /// <summary>Properties: target.</summary>
    public const string Attached = "attached";
    /// <summary>Properties: target.</summary>
    public const string Detached = "detached";
    /// <summary>Properties: metric, old, new.</summary>
    public const string UsageChanged = "usage_changed";
}

/// <summary>Evidence the decomposition cites that is an observation rather than a stored event.</summary>
public static class EvidenceTypes
{
    /// <summary>The resource's state at the end of the period (e.g. a volume attached to nothing).</summary>
    public const string State = "state";
    /// <summary>The first cost line in the window, with no earlier history.</summary>
    public const string FirstCost = "first_cost";
    /// <summary>No stop event since the resource was last started.</summary>
    public const string NoStop = "no_stop";
    /// <summary>Usage numbers of the period against the baseline.</summary>
    public const string Usage = "usage";
    /// <summary>The bill's first billed hour of a resource with no earlier history (launched).</summary>
    public const string FirstBilled = "first_billed";
    /// <summary>The bill's last billed hour before the period's data ends (stopped being billed).</summary>
    public const string LastBilled = "last_billed";
    /// <summary>A snapshot's source volume was deleted (resource_relationships snapshot_of).</summary>
    public const string SourceDeleted = "source_deleted";
    /// <summary>Usage and rate of a price-volume split (rate change, commitment coverage).</summary>
    public const string Rate = "rate";
    /// <summary>A non-usage bill line (fee, credit, refund, tax, discount) in both windows.</summary>
    public const string BillLine = "bill_line";
    /// <summary>What is known of an unexplained change: cost, usage and rates.</summary>
    public const string Known = "known";
}
