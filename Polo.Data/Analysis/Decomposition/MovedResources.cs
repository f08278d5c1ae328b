using Polo.Data.Analysis.Sql;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Which resources moved between two windows of the same length, in one GROUP BY resource_id over the per-resource
/// daily facts (<c>cost_resource_daily</c>, migration 080) — about as cheap as a bare cost scan. A resource billed on one
/// line (min(line_key) = max(line_key)) whose cost, usage and running hours are equal in both windows moved $0 with no
/// part: it is summed per node of the grouping and never shipped. A resource billed on one usage line that moved is
/// shipped whole from the same scan (its sums are its line's: the line <see cref="DeltaInputs.CostLinesAsync"/> would
/// read). The others (several lines, a fee or other non-usage line, the id-less lines) are the candidates whose lines
/// <see cref="DeltaInputs.CostLinesAsync"/> then reads through the facts' primary key and judges line by line, exactly
/// as the rollup path does: few resources, so few of the facts' granules.
/// </summary>
internal static class MovedResources
{
    /// <summary>The candidates' resource ids ("" for the id-less lines), the moved single-line resources' lines
    /// (<see cref="CostLine.Changed"/> = 1, as <see cref="DeltaInputs.CostLinesAsync"/> gives them) and the unchanged
    /// resources per node (<see cref="CostLine.Changed"/> = 0, only the grouping's node columns set).</summary>
    public sealed record Scan(List<string> Candidates, List<CostLine> Moved, List<CostLine> Unchanged);

    /// <summary>Kind 0: the unchanged resources of one node (K1…K3 = the grouping's node columns, see
    /// <see cref="NodeColumns"/>); kind 1: a candidate (its id in K1); kind 2: a moved single-line resource (its id in K1,
    /// the line's columns set). Only what each kind needs is shipped.</summary>
    private sealed record Row(byte Kind, string K1, string K2, string K3, string AccountName, string AccountRole,
        long Resources, decimal BaselineCost, decimal PeriodCost, double PeriodUsage, DateTime LastHour,
        string Service = "", string UsageType = "", string Customer = "", string Cluster = "", string IndexName = "",
        string LineItemType = "", string AccountId = "", string Region = "", string ResourceType = "", string PricingUnit = "",
        byte HasCommitment = 0, double BaselineUsage = 0, double BaselineHours = 0, double PeriodHours = 0,
        DateTime FirstHour = default, DateTime ResourceFirstHour = default);

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

    /// <summary>Line columns of a moved single-line resource (any() is exact: one line).</summary>
    private static readonly string[] LineColumns =
        ["service", "usage_type", "customer", "cluster", "index_name", "line_item_type", "account_id", "region", "resource_type"];

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
        string Key(int i) => i >= kept.Length ? "''" : kept[i] == "resource_id" ? "resource_id" : $"if(kind = 0, a_{kept[i]}, '')";
        // A moved single-line resource's line, shipped whole (kind 2); the other kinds leave these empty.
        static string Line(string expr, string alias, string empty = "''") => $"any(if(kind = 2, {expr}, {empty})) AS {alias}";
        var line = string.Join(", ", LineColumns.Select(c => Line($"a_{c}", c))
            .Concat([Line("i_pu", "pricing_unit"), Line("i_hc", "has_commitment", "0"), Line("i_bu", "baseline_usage", "0"),
                Line("i_bh", "baseline_hours", "0"), Line("i_ph", "period_hours", "0"),
                Line("toDateTime(i_first_day, 'UTC')", "first_hour", "toDateTime(0, 'UTC')"),
                Line("i_first_billed", "resource_first_hour", "toDateTime(0, 'UTC')")]));
        var groupAccount = kept[0] == "account_id";
        string Account(string attribute, string fallback) =>
            $"if(kind = 2, dictGetOrDefault('account_dict', '{attribute}', tuple(account_id), {fallback.Replace("@", "account_id")}), " +
            (groupAccount ? $"dictGetOrDefault('account_dict', '{attribute}', tuple(k1), {fallback.Replace("@", "k1")}))" : "'')");
        var usageTypes = string.Join(", ", new[] { "", LineItemTypes.Usage, LineItemTypes.DiscountedUsage, LineItemTypes.SavingsPlanCoveredUsage }.Select(t => $"'{t}'"));
        var sql = $"""
            SELECT kind, if(kind != 0, resource_id, {Key(0)}) AS k1, if(kind != 0, '', {Key(1)}) AS k2, if(kind != 0, '', {Key(2)}) AS k3,
                   count() AS resources, sum(i_bc) AS baseline_cost, sum(i_pc) AS period_cost,
                   sum(i_pu_amount) AS period_usage, toDateTime(max(i_last_day), 'UTC') AS last_hour,
                   {line},
                   {Account("account_name", "@")} AS account_name, {Account("role", "''")} AS account_role
            FROM
            (
                SELECT *, if(moved = 0, 0, if(single = 1, 2, 1)) AS kind
                FROM
                (
                    SELECT resource_id{string.Concat(LineColumns.Select(c => $", toString(any({c})) AS a_{c}"))},
                           toString(max(pricing_unit)) AS i_pu, max(has_commitment) AS i_hc,
                           sumIf({cost}, {b}) AS i_bc, sumIf({cost}, {w}) AS i_pc,
                           sumIf(usage_amount, {b}) AS i_bu, sumIf(usage_amount, {w}) AS i_pu_amount,
                           sumIf(running_hours, {b}) AS i_bh, sumIf(running_hours, {w}) AS i_ph,
                           min(day) AS i_first_day, max(day) AS i_last_day, min(first_billed_hour) AS i_first_billed,
                           toUInt8(resource_id != '' AND min(line_key) = max(line_key)
                                   AND max(line_item_type NOT IN ({usageTypes})) = 0) AS single,
                           toUInt8(resource_id = '' OR min(line_key) != max(line_key) OR i_bc != i_pc
                                   OR {DeltaInputs.Differ("i_bu", "i_pu_amount")} OR {DeltaInputs.Differ("i_bh", "i_ph")}) AS moved
                    FROM {src.Table}
                    WHERE ({b} OR {w}){where}
                    GROUP BY resource_id
                    HAVING moved = 1 OR i_bc != 0 OR i_pc != 0 OR i_bu != 0 OR i_pu_amount != 0
                )
            )
            GROUP BY kind, k1, k2, k3
            """;
        var rows = await ch.QueryAsync<Row>(sql, p, ct).ConfigureAwait(false);
        var candidates = rows.Where(r => r.Kind == 1).Select(r => r.K1).ToList();
        // The lines query drops a line whose four sums are zero; so does this.
        var moved = rows.Where(r => r.Kind == 2 && (r.BaselineCost != 0 || r.PeriodCost != 0 || r.BaselineUsage != 0 || r.PeriodUsage != 0))
            .Select(Moved).ToList();
        var unchanged = rows.Where(r => r.Kind == 0).Select(r => Unchanged(r, kept)).ToList();
        return new Scan(candidates, moved, unchanged);
    }

    /// <summary>A moved single-line resource as the line <see cref="DeltaInputs.CostLinesAsync"/> gives for it.</summary>
    private static CostLine Moved(Row r) => new(r.K1, r.UsageType, r.ResourceType, r.AccountId,
        r.AccountName, r.AccountRole, r.Service, r.Region, r.Customer, r.Cluster, r.IndexName, State: "", r.LineItemType,
        r.PricingUnit, r.HasCommitment, PerBillingPeriod: 0, r.BaselineCost, r.PeriodCost, r.BaselineUsage, r.PeriodUsage,
        r.BaselineHours, r.PeriodHours, r.FirstHour, r.LastHour, Changed: 1, Resources: 1, r.ResourceFirstHour);

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
