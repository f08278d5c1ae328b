using Polo.Data.Analysis.Sql;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Which resources moved between two windows of the same length, in one GROUP BY resource_id over the per-resource
/// daily facts (<c>cost_resource_daily</c>, migration 080) — as cheap as a bare cost scan. A resource billed on one
/// line (min(line_key) = max(line_key)) whose cost, usage and running hours are equal in both windows moved $0 with no
/// part: it is summed per node of the grouping and never shipped. The others (several lines, or any figure changed, and
/// the id-less lines) are the candidates whose lines <see cref="DeltaInputs.CostLinesAsync"/> then reads through the
/// facts' primary key and judges line by line, exactly as the rollup path does.
/// </summary>
internal static class MovedResources
{
    /// <summary>The candidates' resource ids ("" for the id-less lines) and the unchanged resources per node
    /// (<see cref="CostLine.Changed"/> = 0, only the grouping's node columns set).</summary>
    public sealed record Scan(List<string> Candidates, List<CostLine> Unchanged);

    /// <summary>A candidate (Moved = 1, its id in K1) or the unchanged resources of one node (K1…K3 = the grouping's node
    /// columns, see <see cref="NodeColumns"/>): only what the tree and the data's end need is shipped.</summary>
    private sealed record Row(byte Moved, string K1, string K2, string K3, string AccountName, string AccountRole,
        long Resources, decimal BaselineCost, decimal PeriodCost, double PeriodUsage, DateTime LastHour);

    /// <summary>Node columns an unchanged resource keeps for <paramref name="by"/> (see <see cref="NodePath"/>).</summary>
    private static string[] NodeColumns(Grouping by) => by.Kind switch
    {
        GroupingKind.Customer or GroupingKind.Cluster or GroupingKind.Index => ["customer", "cluster", "index_name"],
        GroupingKind.Account or GroupingKind.AccountRole => ["account_id"],
        GroupingKind.Service => ["service"],
        GroupingKind.UsageType => ["usage_type"],
        GroupingKind.Region => ["region"],
        GroupingKind.ResourceType => ["resource_type"],
        GroupingKind.Resource => ["resource_id"],
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "unknown grouping"),
    };

    public static async Task<Scan> ScanAsync(IClickHouse ch, DeltaBaseline baseline, TimeRange period, CostFilter? filter,
        CostType costType, Grouping groupBy, CancellationToken ct)
    {
        var src = CostSource.ResourceDaily;
        var p = new QueryParams();
        var b = src.Between(baseline, p, "b");
        var w = src.Between(period, p, "w");
        var where = CostFilterSql.Conditions(filter, p);
        var cost = costType.Column();
        var kept = NodeColumns(groupBy);
        // Per resource: any() of a node column is exact for a resource on one line (the others are candidates).
        var perResource = string.Concat(kept.Where(c => c != "resource_id").Select(c => $", toString(any({c})) AS a_{c}"));
        string Key(int i) => i >= kept.Length ? "''" : kept[i] == "resource_id" ? "resource_id" : $"if(moved = 1, '', a_{kept[i]})";
        var accounts = kept[0] == "account_id";
        var sql = $"""
            SELECT moved, if(moved = 1, resource_id, {Key(0)}) AS k1, {Key(1)} AS k2, {Key(2)} AS k3,
                   {(accounts ? "dictGetOrDefault('account_dict', 'account_name', tuple(k1), k1)" : "''")} AS account_name,
                   {(accounts ? "dictGetOrDefault('account_dict', 'role', tuple(k1), '')" : "''")} AS account_role,
                   count() AS resources, sum(baseline_cost) AS baseline_cost, sum(period_cost) AS period_cost,
                   sum(period_usage) AS period_usage, toDateTime(max(last_day), 'UTC') AS last_hour
            FROM
            (
                SELECT resource_id{perResource},
                       sumIf({cost}, {b}) AS baseline_cost, sumIf({cost}, {w}) AS period_cost,
                       sumIf(usage_amount, {b}) AS baseline_usage, sumIf(usage_amount, {w}) AS period_usage,
                       sumIf(running_hours, {b}) AS baseline_hours, sumIf(running_hours, {w}) AS period_hours,
                       max(day) AS last_day,
                       toUInt8(resource_id = '' OR min(line_key) != max(line_key) OR baseline_cost != period_cost
                               OR {DeltaInputs.Differ("baseline_usage", "period_usage")} OR {DeltaInputs.Differ("baseline_hours", "period_hours")}) AS moved
                FROM {src.Table}
                WHERE ({b} OR {w}){where}
                GROUP BY resource_id
                HAVING moved = 1 OR baseline_cost != 0 OR period_cost != 0 OR baseline_usage != 0 OR period_usage != 0
            )
            GROUP BY moved, k1, k2, k3
            """;
        var rows = await ch.QueryAsync<Row>(sql, p, ct).ConfigureAwait(false);
        var candidates = rows.Where(r => r.Moved == 1).Select(r => r.K1).ToList();
        var unchanged = rows.Where(r => r.Moved == 0).Select(r => Unchanged(r, kept)).ToList();
        return new Scan(candidates, unchanged);
    }

    /// <summary>The unchanged resources of one node as a folded cost line (only its node columns set).</summary>
    private static CostLine Unchanged(Row r, string[] kept)
    {
        string Column(string c) => Array.IndexOf(kept, c) switch { 0 => r.K1, 1 => r.K2, 2 => r.K3, _ => "" };
        return new CostLine(Column("resource_id"), Column("usage_type"), Column("resource_type"), Column("account_id"),
            r.AccountName, r.AccountRole, Column("service"), Column("region"), Column("customer"), Column("cluster"),
            Column("index_name"), State: "", LineItemType: "", PricingUnit: "", HasCommitment: 0, PerBillingPeriod: 0,
            r.BaselineCost, r.PeriodCost, BaselineUsage: 0, r.PeriodUsage, BaselineHours: 0, PeriodHours: 0,
            FirstHour: r.LastHour, r.LastHour, Changed: 0, r.Resources);
    }
}
