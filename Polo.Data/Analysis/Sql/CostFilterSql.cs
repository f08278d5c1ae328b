using Polo.Data.Vocabulary;
namespace Polo.Data.Analysis.Sql;

/// <summary>
/// Turns a <see cref="CostFilter"/> into SQL conditions over the cost tables' stamped columns. Values are always bound
/// as parameters; only fixed fragments are ever written into the statement.
/// </summary>
internal static class CostFilterSql
{
    public const string RoleExpr = "dictGetOrDefault('account_dict', 'role', tuple(account_id), '')";
    public const string AccountNameExpr = "dictGetOrDefault('account_dict', 'account_name', tuple(account_id), account_id)";

    /// <summary>" AND …" conditions (empty when the filter is empty); adds the parameters it uses to <paramref name="p"/>.</summary>
    public static string Conditions(CostFilter? filter, QueryParams p)
    {
        if (filter is null) return "";
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(filter.NodeId)) parts.Add(NodeCondition(filter.NodeId, p));
        if (!string.IsNullOrEmpty(filter.AccountId)) { parts.Add("account_id = {f_account:String}"); p["f_account"] = filter.AccountId; }
        if (!string.IsNullOrEmpty(filter.AccountRole)) { parts.Add($"{RoleExpr} = {{f_role:String}}"); p["f_role"] = filter.AccountRole; }
        if (!string.IsNullOrEmpty(filter.Service)) { parts.Add("service = {f_service:String}"); p["f_service"] = filter.Service; }
        if (!string.IsNullOrEmpty(filter.ResourceType)) { parts.Add("resource_type = {f_rtype:String}"); p["f_rtype"] = filter.ResourceType; }
        if (!string.IsNullOrEmpty(filter.ResourceId)) { parts.Add("resource_id = {f_rid:String}"); p["f_rid"] = filter.ResourceId; }
        return string.Concat(parts.Select(c => " AND " + c));
    }

    /// <summary>Condition selecting the cost of one node: hierarchy ('customer:acme', 'cluster:acme/prod-1',
    /// 'index:acme/prod-1/logs', 'unassigned') or a flat group ('account:…', 'role:…', 'service:…').</summary>
    public static string NodeCondition(string nodeId, QueryParams p, string prefix = "f")
    {
        var node = NodeId.Parse(nodeId);
        switch (node.Kind)
        {
            case NodeKinds.Unassigned:
                return "customer = ''";
            case NodeKinds.Customer:
                p[$"{prefix}_c"] = node.Parts[0];
                return $"customer = {{{prefix}_c:String}}";
            case NodeKinds.Cluster:
                p[$"{prefix}_c"] = node.Parts[0]; p[$"{prefix}_cl"] = node.Parts[1];
                return $"customer = {{{prefix}_c:String}} AND cluster = {{{prefix}_cl:String}}";
            case NodeKinds.Index:
                p[$"{prefix}_c"] = node.Parts[0]; p[$"{prefix}_cl"] = node.Parts[1]; p[$"{prefix}_ix"] = node.Parts[2];
                return $"customer = {{{prefix}_c:String}} AND cluster = {{{prefix}_cl:String}} AND index_name = {{{prefix}_ix:String}}";
            default:
                var column = node.Kind switch
                {
                    NodeKinds.Account => "account_id",
                    NodeKinds.Role => RoleExpr,
                    NodeKinds.Service => "service",
                    NodeKinds.UsageType => "usage_type",
                    NodeKinds.Region => "region",
                    NodeKinds.ResourceType => "resource_type",
                    NodeKinds.Resource => "resource_id",
                    _ => throw new ArgumentException($"Unknown node '{nodeId}'."),
                };
                p[$"{prefix}_v"] = node.Parts[0];
                return $"{column} = {{{prefix}_v:String}}";
        }
    }
}
