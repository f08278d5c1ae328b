using System.Globalization;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>Readable one-line cause descriptions: "customer acme's index search scaled up (+$800.00)",
/// "account prod: 4 instances lost Savings Plan or RI coverage on 2025-04-20 (+$604.80, same 720 h, $0.096 → $0.192/h)".</summary>
internal static class CauseDescriber
{
    private static readonly CultureInfo Money = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Amount(decimal amount) =>
        (amount < 0 ? "-" : "+") + Math.Abs(Math.Round(amount, 2)).ToString("C2", Money);

    public static string Describe(string cause, string nodeId, string nodeName, decimal amount, int resources,
        string resourceTypes, UsageFigures? figures = null)
    {
        var who = Who(nodeId, nodeName);
        var n = resources == 1 ? $"1 {resourceTypes}" : $"{resources} {resourceTypes}";
        var on = figures?.On is not { } d ? ""
            : figures.Until is { } u && u.Date != d.Date ? $" between {Day(d)} and {Day(u)}" : " on " + Day(d);
        var what = cause switch
        {
            CauseKind.Launched => $"launched {n}{on}",
            CauseKind.Terminated => $"terminated {n}",
            CauseKind.Resized => amount >= 0 ? $"scaled up ({n} resized)" : $"scaled down ({n} resized)",
            CauseKind.Started => $"started {n}",
            CauseKind.Stopped => $"stopped {n}",
            CauseKind.RanLonger => $"ran longer than in the baseline ({n}, never stopped)",
            CauseKind.UsageChange => amount >= 0 ? $"used more ({n}, same price)" : $"used less ({n}, same price)",
            CauseKind.Orphaned => resourceTypes.StartsWith("snapshot", StringComparison.Ordinal)
                ? $"kept paying for {n} of deleted volumes" : $"kept paying for {n} left unattached",
            CauseKind.TagChange => amount >= 0 ? $"gained cost by a tag change ({n})" : $"lost cost by a tag change ({n})",
            CauseKind.BillingStopped => $"{n} stopped being billed{(on == "" ? "" : on)}",
            CauseKind.RateChange => amount >= 0 ? $"paid a higher rate ({n})" : $"paid a lower rate ({n})",
            CauseKind.CoverageLost => $"{n} lost Savings Plan or RI coverage{on}",
            CauseKind.CoverageGained => $"{n} gained Savings Plan or RI coverage{on}",
            CauseKind.CommitmentFee => amount >= 0 ? $"paid more in commitment fees and unused commitment ({n})"
                : $"paid less in commitment fees and unused commitment ({n})",
            CauseKind.Credit => amount >= 0 ? $"received fewer credits ({n})" : $"received more credits ({n})",
            CauseKind.Refund => amount >= 0 ? $"received smaller refunds ({n})" : $"received larger refunds ({n})",
            CauseKind.Tax => amount >= 0 ? $"paid more tax ({n})" : $"paid less tax ({n})",
            CauseKind.SupportFee => amount >= 0 ? $"paid a higher support fee ({n})" : $"paid a lower support fee ({n})",
            CauseKind.Fee => amount >= 0 ? $"paid more in fees ({n})" : $"paid less in fees ({n})",
            CauseKind.Discount => amount >= 0 ? $"received smaller discounts ({n})" : $"received larger discounts ({n})",
            _ => $"changed with no evidence ({n}{Known(figures)})",
        };
        var detail = cause is CauseKind.RateChange or CauseKind.CoverageLost or CauseKind.CoverageGained ? Rates(figures) : "";
        return $"{who} {what} ({Amount(amount)}{detail})";
    }

    private static string Day(DateTime d) => d.ToString("yyyy-MM-dd", Inv);

    /// <summary>", same 720 h, $0.096 → $0.192/h" (or "1,000 → 1,200 GB") from a part's figures.</summary>
    private static string Rates(UsageFigures? f)
    {
        if (f is null || f.Unit == "") return "";
        var usage = Math.Abs(f.PeriodUsage - f.BaselineUsage) <= 0.005 * Math.Max(1, Math.Abs(f.BaselineUsage))
            ? "same " + MechanismSplitter.Qty(f.PeriodUsage, f.Unit)
            : MechanismSplitter.Qty(f.BaselineUsage, f.Unit) + " → " + MechanismSplitter.Qty(f.PeriodUsage, f.Unit);
        return $", {usage}, {MechanismSplitter.Rate(f.BaselineRate, f.Unit)} → {MechanismSplitter.Rate(f.PeriodRate, f.Unit)}";
    }

    /// <summary>What is known of an unexplained change: usage and rates.</summary>
    private static string Known(UsageFigures? f) => f is null ? "" : f.BaselineUsage == 0 && f.PeriodUsage == 0
        ? $"; no usage recorded, {MechanismSplitter.Money(f.BaselineCost)} → {MechanismSplitter.Money(f.PeriodCost)}"
        : $"; {MechanismSplitter.Qty(f.BaselineUsage, f.Unit)} → {MechanismSplitter.Qty(f.PeriodUsage, f.Unit)}, " +
          $"{MechanismSplitter.Rate(f.BaselineRate, f.Unit)} → {MechanismSplitter.Rate(f.PeriodRate, f.Unit)}";

    private static string Who(string nodeId, string nodeName)
    {
        if (nodeId == NodeId.Unassigned) return "unassigned cost";
        // A flat group of an empty value (a line without a resource type) has no parseable id: name it by its label.
        if (!NodeId.TryParse(nodeId, out var node)) return nodeName == "" ? "(none)" : nodeName;
        return node.Kind switch
        {
            NodeKinds.Customer => $"customer {node.Parts[0]}",
            NodeKinds.Cluster => $"customer {node.Parts[0]}'s cluster {node.Parts[1]}",
            NodeKinds.Index => $"customer {node.Parts[0]}'s index {node.Parts[2]} ({node.Parts[1]})",
            NodeKinds.Account => $"account {nodeName}",
            NodeKinds.Role => $"{nodeName} accounts",
            NodeKinds.Resource => $"resource {nodeName}",
            _ => $"{node.Kind.Replace('_', ' ')} {nodeName}",
        };
    }

    /// <summary>"volumes", "instances", "resources" for a set of resource types; never blank.</summary>
    public static string TypesNoun(IEnumerable<string> types, int count)
    {
        var distinct = types.Distinct().ToList();
        var noun = distinct.Count == 1 ? distinct[0] switch
        {
            ResourceTypes.Instance => "instance",
            ResourceTypes.Volume => "volume",
            ResourceTypes.Snapshot => "snapshot",
            ResourceTypes.NatGateway => "NAT gateway",
            ResourceTypes.ElasticIp => "elastic IP",
            ResourceTypes.NetworkInterface => "network interface",
            ResourceTypes.LoadBalancer => "load balancer",
            LineItemTypes.BillingLine => "billing line",
            "" => "resource",
            var t => t.Replace('_', ' '),
        } : "resource";
        return count == 1 ? noun : noun + "s";
    }
}
