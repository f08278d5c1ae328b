using Polo.Data.Analysis.Sql;
using Polo.Web.Services;

namespace Polo.Web.Components.Pages.Hierarchy;

/// <summary>Links out of the hierarchy explorer: the Cost Delta for a node, the resources under it.</summary>
public static class HierarchyLinks
{
    public static string Delta(string currentUri, string nodeId) =>
        UrlState.Carry(currentUri, "delta", new Dictionary<string, string?> { ["by"] = "customer", ["node"] = nodeId });

    /// <summary>/resources filtered to the node's customer (and the node itself below customer level).</summary>
    public static string Resources(string currentUri, string nodeId)
    {
        var customer = CustomerOf(nodeId);
        return UrlState.Carry(currentUri, "resources", new Dictionary<string, string?>
        {
            ["customer"] = customer,
            ["node"] = nodeId.StartsWith("customer:", StringComparison.Ordinal) ? null : nodeId,
        });
    }

    public static string? CustomerOf(string nodeId)
    {
        try
        {
            var id = NodeId.Parse(nodeId);
            return id.Kind is "customer" or "cluster" or "index" ? id.Parts[0] : null;
        }
        catch (ArgumentException) { return null; }
    }
}
