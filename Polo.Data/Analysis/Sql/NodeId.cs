namespace Polo.Data.Analysis.Sql;

/// <summary>Node ids: 'customer:acme', 'cluster:acme/prod-1', 'index:acme/prod-1/logs', 'unassigned' (cost with no
/// customer), and flat group ids 'account:…', 'role:…', 'service:…', 'usage_type:…', 'region:…', 'resource_type:…',
/// 'resource:…'.</summary>
public sealed record NodeId(string Kind, IReadOnlyList<string> Parts)
{
    public const string Unassigned = "unassigned";

    public static string Customer(string customer) => $"customer:{customer}";
    public static string Cluster(string customer, string cluster) => $"cluster:{customer}/{cluster}";
    public static string Index(string customer, string cluster, string index) => $"index:{customer}/{cluster}/{index}";

    public static NodeId Parse(string nodeId)
    {
        if (nodeId == Unassigned) return new NodeId(Unassigned, []);
        var colon = nodeId.IndexOf(':');
        if (colon <= 0 || colon == nodeId.Length - 1) throw new ArgumentException($"Unknown node '{nodeId}'.");
        var kind = nodeId[..colon];
        var rest = nodeId[(colon + 1)..];
        string[] parts = kind switch
        {
            "customer" => [rest],
            "cluster" => rest.Split('/', 2),
            "index" => rest.Split('/', 3),
            _ => [rest],
        };
        var expected = kind switch { "cluster" => 2, "index" => 3, _ => 1 };
        if (parts.Length != expected || parts.Any(string.IsNullOrEmpty)) throw new ArgumentException($"Malformed node id '{nodeId}'.");
        return new NodeId(kind, parts);
    }
}
