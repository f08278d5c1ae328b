namespace Polo.Data.Vocabulary;

/// <summary>Values of the <c>state</c> column and of the old_state / new_state event properties (EC2's own names).</summary>
public static class ResourceStates
{
    // Instances (settled states; CloudTrail's transitional ones are mapped onto these).
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string ShuttingDown = "shutting-down";
    public const string Terminated = "terminated";

    // Volumes, NAT gateways, snapshots, load balancers.
    public const string Available = "available";
    public const string InUse = "in-use";
    public const string Completed = "completed";
    public const string Active = "active";
    public const string Deleted = "deleted";

    // Elastic IPs.
    public const string Associated = "associated";
    public const string Unassociated = "unassociated";

    // Resources known only from the bill (Polo.Data/Inventory/BillInventory).
    public const string Billed = "billed";
    public const string NoLongerBilled = "no longer billed";

    /// <summary>States in which a resource does what it is paid for (shown as healthy).</summary>
    public static bool IsInService(string state) => state is Running or InUse or Associated;

    /// <summary>States of a volume or elastic IP that is attached to nothing.</summary>
    public static bool IsUnattached(string state) => state is Available or Unassociated;
}
