namespace Polo.Data.Changes;

/// <summary>
/// What changed, as a set: writers publish the kinds they wrote, pages subscribe to the kinds they show.
/// Each kind has its own data version (<see cref="DataChangeNotifier.Version"/>).
/// </summary>
[Flags]
public enum DataKinds
{
    None = 0,
    /// <summary>cost_hourly (and its daily rollup): CUR, Cost Explorer, demo.</summary>
    Cost = 1 << 0,
    /// <summary>resource_events: inventory diffs, CloudTrail lifecycle, demo.</summary>
    Events = 1 << 1,
    /// <summary>resource_snapshots and resource_relationships: EC2 inventory, bill inventory, demo.</summary>
    Inventory = 1 << 2,
    /// <summary>hierarchy_nodes and resource_ancestry.</summary>
    Hierarchy = 1 << 3,
    /// <summary>collector_runs: a run started or finished.</summary>
    CollectorRuns = 1 << 4,
    /// <summary>account_metadata and customer_metadata (names, roles, tiers).</summary>
    Metadata = 1 << 5,
    /// <summary>Progress of running collectors (no table; <c>CollectorProgressBoard</c>): lines read, share done.</summary>
    CollectorProgress = 1 << 6,
    /// <summary>notification_outbox and notification_attempts: a message was stored, tried or delivered.</summary>
    Notifications = 1 << 7,
    /// <summary>Progress of the first-run demo seeding (no table; <c>DemoSeedStatus</c>). Keep it the highest bit.</summary>
    DemoSeed = 1 << 8,

    /// <summary>Every table the analysis reads.</summary>
    AnalysisData = Cost | Events | Inventory | Hierarchy | Metadata,
}
