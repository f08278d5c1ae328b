using System.Globalization;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>Readable one-line cause descriptions: "customer acme's index search scaled up (+$800.00)".</summary>
internal static class CauseDescriber
{
    private static readonly CultureInfo Money = CultureInfo.GetCultureInfo("en-US");

    public static string Amount(decimal amount) =>
        (amount < 0 ? "-" : "+") + Math.Abs(Math.Round(amount, 2)).ToString("C2", Money);

    public static string Describe(string cause, string nodeId, string nodeName, decimal amount, int resources, string resourceTypes)
    {
        var who = Who(nodeId, nodeName);
        var n = resources == 1 ? $"1 {resourceTypes}" : $"{resources} {resourceTypes}";
        var what = cause switch
        {
            CauseKind.Launched => $"launched {n}",
            CauseKind.Terminated => $"terminated {n}",
            CauseKind.Resized => amount >= 0 ? $"scaled up ({n} resized)" : $"scaled down ({n} resized)",
            CauseKind.Started => $"started {n}",
            CauseKind.Stopped => $"stopped {n}",
            CauseKind.RanLonger => $"ran longer than in the baseline ({n}, never stopped)",
            CauseKind.UsageChange => amount >= 0 ? $"used more ({n}, same price)" : $"used less ({n}, same price)",
            CauseKind.Orphaned => $"kept paying for {n} left unattached",
            CauseKind.TagChange => amount >= 0 ? $"gained cost by a tag change ({n})" : $"lost cost by a tag change ({n})",
            _ => $"changed with no evidence ({n})",
        };
        return $"{who} {what} ({Amount(amount)})";
    }

    private static string Who(string nodeId, string nodeName)
    {
        if (nodeId == NodeId.Unassigned) return "unassigned cost";
        var node = NodeId.Parse(nodeId);
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

    /// <summary>"volumes", "instances", "resources" for a set of resource types.</summary>
    public static string TypesNoun(IEnumerable<string> types, int count)
    {
        var distinct = types.Distinct().ToList();
        var noun = distinct.Count == 1 ? ResourceTypes.Noun(distinct[0]) : "resource";
        return count == 1 ? noun : noun + "s";
    }
}
