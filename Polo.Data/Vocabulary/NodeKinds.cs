namespace Polo.Data.Vocabulary;

/// <summary>
/// The kind before the colon of a node id (<c>customer:acme</c>): hierarchy nodes (customer → cluster → index),
/// the <c>unassigned</c> node (cost with no customer), and flat group nodes, one per grouping.
/// </summary>
public static class NodeKinds
{
    public const string Customer = "customer";
    public const string Cluster = "cluster";
    public const string Index = "index";
    public const string Unassigned = "unassigned";
    public const string Account = "account";
    public const string Role = "role";
    public const string Service = "service";
    public const string UsageType = "usage_type";
    public const string Region = "region";
    public const string ResourceType = "resource_type";
    public const string Resource = "resource";
}
