namespace Polo.Data.Analysis.Sql;

/// <summary>
/// Fixed SQL expressions giving, for each <see cref="Grouping"/>, a group key (a node id usable as
/// <see cref="CostFilter.NodeId"/>) and a display label, over the cost tables' columns.
/// </summary>
internal static class GroupingSql
{
    public static (string Key, string Label) For(Grouping by) => by switch
    {
        Grouping.Customer => (
            "if(customer = '', 'unassigned', concat('customer:', customer))",
            "if(customer = '', 'unassigned', toString(customer))"),
        Grouping.Cluster => (
            "multiIf(customer = '', 'unassigned', cluster = '', concat('customer:', customer), concat('cluster:', customer, '/', cluster))",
            "multiIf(customer = '', 'unassigned', cluster = '', toString(customer), concat(customer, '/', cluster))"),
        Grouping.Index => (
            "multiIf(customer = '', 'unassigned', cluster = '', concat('customer:', customer), index_name = '', concat('cluster:', customer, '/', cluster), concat('index:', customer, '/', cluster, '/', index_name))",
            "multiIf(customer = '', 'unassigned', cluster = '', toString(customer), index_name = '', concat(customer, '/', cluster), concat(customer, '/', cluster, '/', index_name))"),
        Grouping.Account => ("concat('account:', account_id)", CostFilterSql.AccountNameExpr),
        Grouping.AccountRole => ($"concat('role:', {CostFilterSql.RoleExpr})", $"if({CostFilterSql.RoleExpr} = '', '(no role)', {CostFilterSql.RoleExpr})"),
        Grouping.Service => ("concat('service:', service)", "toString(service)"),
        Grouping.UsageType => ("concat('usage_type:', usage_type)", "toString(usage_type)"),
        Grouping.Region => ("concat('region:', region)", "toString(region)"),
        Grouping.ResourceType => ("concat('resource_type:', resource_type)", "toString(resource_type)"),
        Grouping.Resource => ("concat('resource:', resource_id)", "resource_id"),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "unknown grouping"),
    };
}
