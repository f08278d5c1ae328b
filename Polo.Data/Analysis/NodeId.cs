using System.Diagnostics.CodeAnalysis;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis;

/// <summary>
/// The drill-down contract: node ids 'customer:acme', 'cluster:acme/prod-1', 'index:acme/prod-1/logs', 'unassigned'
/// (cost with no customer), and flat group ids 'account:…', 'role:…', 'service:…', 'usage_type:…', 'region:…',
/// 'resource_type:…', 'resource:…' (kinds in <see cref="NodeKinds"/>).
/// </summary>
public sealed record NodeId(string Kind, IReadOnlyList<string> Parts)
{
    public const string Unassigned = NodeKinds.Unassigned;

    public static string Customer(string customer) => $"{NodeKinds.Customer}:{customer}";
    public static string Cluster(string customer, string cluster) => $"{NodeKinds.Cluster}:{customer}/{cluster}";
    public static string Index(string customer, string cluster, string index) => $"{NodeKinds.Index}:{customer}/{cluster}/{index}";

    /// <summary>A flat group id: <c>account:123</c>, <c>service:AmazonEC2</c>, <c>resource:i-1</c>…</summary>
    public static string Flat(string kind, string value) => $"{kind}:{value}";

    /// <summary>The deepest hierarchy node of a placement ('unassigned' without a customer).</summary>
    public static string ForPlacement(string customer, string cluster, string index) =>
        customer == "" ? Unassigned
        : cluster == "" ? Customer(customer)
        : index == "" ? Cluster(customer, cluster)
        : Index(customer, cluster, index);

    /// <summary>Equal when kind and every part are equal.</summary>
    public bool Equals(NodeId? other) => other is not null && Kind == other.Kind && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => Parts.Aggregate(Kind.GetHashCode(StringComparison.Ordinal), HashCode.Combine);

    /// <summary>The id's text form: 'cluster:acme/prod-1'.</summary>
    public override string ToString() => Kind == Unassigned ? Unassigned : $"{Kind}:{string.Join('/', Parts)}";

    /// <summary>True for customer, cluster and index nodes.</summary>
    public bool IsHierarchy => Kind is NodeKinds.Customer or NodeKinds.Cluster or NodeKinds.Index;

    /// <summary>Reads a node id; null <paramref name="error"/> on success, else why it is not one.</summary>
    public static bool TryParse(string? nodeId, [NotNullWhen(true)] out NodeId? node, out string? error)
    {
        node = null;
        error = null;
        if (nodeId == Unassigned)
        {
            node = new NodeId(Unassigned, []);
            return true;
        }
        var colon = nodeId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (nodeId is null || colon <= 0 || colon == nodeId.Length - 1)
        {
            error = $"Unknown node '{nodeId}'.";
            return false;
        }
        var kind = nodeId[..colon];
        var rest = nodeId[(colon + 1)..];
        string[] parts = kind switch
        {
            NodeKinds.Customer => [rest],
            NodeKinds.Cluster => rest.Split('/', 2),
            NodeKinds.Index => rest.Split('/', 3),
            _ => [rest],
        };
        var expected = kind switch { NodeKinds.Cluster => 2, NodeKinds.Index => 3, _ => 1 };
        if (parts.Length != expected || parts.Any(string.IsNullOrEmpty))
        {
            error = $"Malformed node id '{nodeId}'.";
            return false;
        }
        node = new NodeId(kind, parts);
        return true;
    }

    public static bool TryParse(string? nodeId, [NotNullWhen(true)] out NodeId? node) => TryParse(nodeId, out node, out _);

    /// <summary>Reads a node id, or throws <see cref="ArgumentException"/> saying why it is not one.</summary>
    public static NodeId Parse(string nodeId) =>
        TryParse(nodeId, out var node, out var error) ? node : throw new ArgumentException(error);
}
