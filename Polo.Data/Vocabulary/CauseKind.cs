namespace Polo.Data.Vocabulary;

/// <summary>
/// Why a resource's cost changed: the <c>cause</c> of a decomposition and of the demo's ground truth. Unexplained is
/// the part of a delta no event or usage change accounts for; it is always listed first.
/// </summary>
public static class CauseKind
{
    public const string Unexplained = "unexplained";
    public const string Launched = "launched";          // new resource started costing
    public const string Terminated = "terminated";      // resource stopped existing
    public const string Resized = "resized";            // instance type / volume size changed
    public const string Started = "started";            // state change to running
    public const string Stopped = "stopped";            // state change to stopped
    public const string RanLonger = "ran_longer";       // ran more hours than in the baseline, no lifecycle change
    public const string UsageChange = "usage_change";   // same resource, same price, more/less usage (e.g. NAT bytes)
    public const string Orphaned = "orphaned";          // detached/unattached resources that keep costing
    public const string TagChange = "tag_change";       // cost moved between hierarchy nodes because a tag changed
}
