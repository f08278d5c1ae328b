using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Sql;

/// <summary>
/// Fixed SQL expressions giving, for each <see cref="Grouping"/>, a group key (a node id usable as
/// <see cref="CostFilter.NodeId"/>) and a display label, over the cost tables' columns.
/// </summary>
internal static class GroupingSql
{
    public static (string Key, string Label) For(Grouping by) => by.Kind switch
    {
        GroupingKind.Customer => (
            "if(customer = '', 'unassigned', concat('customer:', customer))",
            "if(customer = '', 'unassigned', toString(customer))"),
        GroupingKind.Cluster => (
            "multiIf(customer = '', 'unassigned', cluster = '', concat('customer:', customer), concat('cluster:', customer, '/', cluster))",
            "multiIf(customer = '', 'unassigned', cluster = '', toString(customer), concat(customer, '/', cluster))"),
        GroupingKind.Index => (
            "multiIf(customer = '', 'unassigned', cluster = '', concat('customer:', customer), index_name = '', concat('cluster:', customer, '/', cluster), concat('index:', customer, '/', cluster, '/', index_name))",
            "multiIf(customer = '', 'unassigned', cluster = '', toString(customer), index_name = '', concat(customer, '/', cluster), concat(customer, '/', cluster, '/', index_name))"),
        GroupingKind.Account => ("concat('account:', account_id)", CostFilterSql.AccountNameExpr),
        GroupingKind.AccountRole => ($"concat('role:', {CostFilterSql.RoleExpr})", $"if({CostFilterSql.RoleExpr} = '', '(no role)', {CostFilterSql.RoleExpr})"),
        GroupingKind.Service => ("concat('service:', service)", "toString(service)"),
        GroupingKind.UsageType => ("concat('usage_type:', usage_type)", "toString(usage_type)"),
        GroupingKind.Region => ("concat('region:', region)", "toString(region)"),
        GroupingKind.ResourceType => ("concat('resource_type:', resource_type)", "toString(resource_type)"),
        GroupingKind.Resource => ("concat('resource:', resource_id)", "resource_id"),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "unknown grouping"),
    };
}
