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

    private sealed record Row(byte Moved, string MovedId, string KCustomer, string KCluster, string KIndexName,
        string KAccountId, string KService, string KUsageType, string KRegion, string KResourceType, string KResourceId,
        string AccountName, string AccountRole, long Resources, decimal BaselineCost, decimal PeriodCost,
        double BaselineUsage, double PeriodUsage, DateTime FirstHour, DateTime LastHour);

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

    private static readonly string[] AllColumns =
        ["customer", "cluster", "index_name", "account_id", "service", "usage_type", "region", "resource_type", "resource_id"];

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
        var perResource = string.Join(", ", kept.Where(c => c != "resource_id").Select(c => $"toString(any({c})) AS a_{c}"));
        string Key(string c) => !kept.Contains(c) ? "''" : c == "resource_id" ? "if(moved = 1, '', resource_id)" : $"if(moved = 1, '', a_{c})";
        var keys = string.Join(", ", AllColumns.Select(c => $"{Key(c)} AS k_{c}"));
        var sql = $"""
            SELECT moved, if(moved = 1, resource_id, '') AS moved_id, {keys},
                   dictGetOrDefault('account_dict', 'account_name', tuple(k_account_id), k_account_id) AS account_name,
                   dictGetOrDefault('account_dict', 'role', tuple(k_account_id), '') AS account_role,
                   count() AS resources, sum(baseline_cost) AS baseline_cost, sum(period_cost) AS period_cost,
                   sum(baseline_usage) AS baseline_usage, sum(period_usage) AS period_usage,
                   toDateTime(min(first_day), 'UTC') AS first_hour, toDateTime(max(last_day), 'UTC') AS last_hour
            FROM
            (
                SELECT resource_id{(perResource == "" ? "" : ", " + perResource)},
                       sumIf({cost}, {b}) AS baseline_cost, sumIf({cost}, {w}) AS period_cost,
                       sumIf(usage_amount, {b}) AS baseline_usage, sumIf(usage_amount, {w}) AS period_usage,
                       sumIf(running_hours, {b}) AS baseline_hours, sumIf(running_hours, {w}) AS period_hours,
                       min(day) AS first_day, max(day) AS last_day,
                       toUInt8(resource_id = '' OR min(line_key) != max(line_key) OR baseline_cost != period_cost
                               OR baseline_usage != period_usage OR baseline_hours != period_hours) AS moved
                FROM {src.Table}
                WHERE ({b} OR {w}){where}
                GROUP BY resource_id
                HAVING moved = 1 OR baseline_cost != 0 OR period_cost != 0 OR baseline_usage != 0 OR period_usage != 0
            )
            GROUP BY moved, moved_id, {string.Join(", ", AllColumns.Select(c => $"k_{c}"))}
            """;
        var rows = await ch.QueryAsync<Row>(sql, p, ct).ConfigureAwait(false);
        var candidates = rows.Where(r => r.Moved == 1).Select(r => r.MovedId).ToList();
        var unchanged = rows.Where(r => r.Moved == 0).Select(r => new CostLine(
            r.KResourceId, r.KUsageType, r.KResourceType, r.KAccountId, r.AccountName, r.AccountRole, r.KService, r.KRegion,
            r.KCustomer, r.KCluster, r.KIndexName, State: "", LineItemType: "", PricingUnit: "", HasCommitment: 0,
            PerBillingPeriod: 0, r.BaselineCost, r.PeriodCost, r.BaselineUsage, r.PeriodUsage, BaselineHours: 0,
            PeriodHours: 0, r.FirstHour, r.LastHour, Changed: 0, r.Resources)).ToList();
        return new Scan(candidates, unchanged);
    }
}
