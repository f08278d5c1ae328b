using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Services.Links;

namespace Polo.Web.Components.Pages.Hierarchy;

/// <summary>Links around the customer → cluster → index hierarchy: the explorer at a node, the Cost Delta for a node,
/// the resources under it.</summary>
public static class HierarchyLinks
{
    /// <summary>The hierarchy explorer with <paramref name="nodeId"/> selected (its path expanded).</summary>
    public static string Node(string currentUri, string nodeId) => new HierarchyLink(nodeId).HrefFrom(currentUri);

    /// <summary>The Cost Delta by customer drilled into <paramref name="nodeId"/>, optionally with a resource selected.</summary>
    public static string Delta(string currentUri, string nodeId, string? resourceId = null) =>
        new DeltaLink(By: Grouping.Customer, Node: nodeId, Resource: resourceId).HrefFrom(currentUri);

    /// <summary>/resources filtered to the node's customer (and the node itself below customer level).</summary>
    public static string Resources(string currentUri, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var node = nodeId.StartsWith($"{NodeKinds.Customer}:", StringComparison.Ordinal) ? null : nodeId;
        return new ResourcesLink(Customer: CustomerOf(nodeId), Node: node).HrefFrom(currentUri);
    }

    /// <summary>Whether <paramref name="key"/> names a hierarchy node (a customer, cluster or index).</summary>
    public static bool IsNode(string key) => Parse(key) is not null;

    public static string? CustomerOf(string nodeId) => Parse(nodeId)?.Parts[0];

    private static NodeId? Parse(string key) => NodeId.TryParse(key, out var id) && id.IsHierarchy ? id : null;
}
