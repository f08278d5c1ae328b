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
/// as the rollup path does: few resources, so few of the facts' granules. The GROUP BY resource_id carries numbers only
/// (the row's <c>identity_key</c>, migration 081, stands for its nine identity strings); the strings are looked up in
/// <c>cost_line_identity</c> once per group of unchanged resources and once per moved resource.
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
        DateTime FirstHour = default, DateTime ResourceFirstHour = default, byte Known = 1);

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
        var byResource = kept[0] == "resource_id";
        string Key(int i) => i >= kept.Length ? "''" : kept[i] == "resource_id" ? "resource_id" : $"if(kind = 0, a_{kept[i]}, '')";
        // A moved single-line resource's line, shipped whole (kind 2); the other kinds leave these empty.
        static string Line(string expr, string alias, string empty = "''") => $"any(if(kind = 2, {expr}, {empty})) AS {alias}";
        var line = string.Join(", ", LineColumns.Select(c => Line($"a_{c}", c))
            .Concat([Line("i_pu", "pricing_unit"), Line("i_hc", "has_commitment", "0"), Line("i_bu", "baseline_usage", "0"),
                Line("i_bh", "baseline_hours", "0"), Line("i_ph", "period_hours", "0"),
                Line("toDateTime(i_first_day, 'UTC')", "first_hour", "toDateTime(0, 'UTC')"),
                Line("i_first_billed", "resource_first_hour", "toDateTime(0, 'UTC')")]));
        string Account(string attribute, string fallback) =>
            $"if(kind = 2, dictGetOrDefault('account_dict', '{attribute}', tuple(account_id), {fallback.Replace("@", "account_id")}), " +
            (kept[0] == "account_id" ? $"dictGetOrDefault('account_dict', '{attribute}', tuple(k1), {fallback.Replace("@", "k1")}))" : "'')");
        var usageTypes = string.Join(", ", new[] { "", LineItemTypes.Usage, LineItemTypes.DiscountedUsage, LineItemTypes.SavingsPlanCoveredUsage }.Select(t => $"'{t}'"));
        // Per resource only numbers (its identity_key, whether it has one line, its sums); the unchanged resources are
        // then summed per identity_key, and only those groups and the moved resources look their strings up in
        // cost_line_identity (migration 081). A single-line resource's identity is its line's (line_key is part of it).
        var sql = $"""
            SELECT kind, if(kind != 0, resource_id, {Key(0)}) AS k1, if(kind != 0, '', {Key(1)}) AS k2, if(kind != 0, '', {Key(2)}) AS k3,
                   sum(n) AS resources, sum(i_bc) AS baseline_cost, sum(i_pc) AS period_cost,
                   sum(i_pu_amount) AS period_usage, toDateTime(max(i_last_day), 'UTC') AS last_hour,
                   {line},
                   {Account("account_name", "@")} AS account_name, {Account("role", "''")} AS account_role,
                   min(known) AS known
            FROM
            (
                SELECT r.*, {string.Join(", ", LineColumns.Select(c => $"toString(i.{c}) AS a_{c}"))},
                       toUInt8(i.identity_key = r.ikey) AS known,
                       if(r.moved = 0, 0, if(r.resource_id != '' AND r.one_line = 1 AND i.line_item_type IN ({usageTypes}), 2, 1)) AS kind
                FROM
                (
                    SELECT moved, {(byResource ? "rid" : "if(moved = 1, rid, '')")} AS resource_id, ikey, one_line, count() AS n,
                           sum(r_bc) AS i_bc, sum(r_pc) AS i_pc, sum(r_bu) AS i_bu, sum(r_pu) AS i_pu_amount,
                           sum(r_bh) AS i_bh, sum(r_ph) AS i_ph, max(r_last_day) AS i_last_day,
                           any(r_unit) AS i_pu, any(r_hc) AS i_hc, any(r_first_day) AS i_first_day, any(r_first_billed) AS i_first_billed
                    FROM
                    (
                        SELECT resource_id AS rid, any(identity_key) AS ikey, toUInt8(min(line_key) = max(line_key)) AS one_line,
                               toString(max(pricing_unit)) AS r_unit, max(has_commitment) AS r_hc,
                               sumIf({cost}, {b}) AS r_bc, sumIf({cost}, {w}) AS r_pc,
                               sumIf(usage_amount, {b}) AS r_bu, sumIf(usage_amount, {w}) AS r_pu,
                               sumIf(running_hours, {b}) AS r_bh, sumIf(running_hours, {w}) AS r_ph,
                               min(day) AS r_first_day, max(day) AS r_last_day, min(first_billed_hour) AS r_first_billed,
                               toUInt8(rid = '' OR one_line = 0 OR r_bc != r_pc
                                       OR {DeltaInputs.Differ("r_bu", "r_pu")} OR {DeltaInputs.Differ("r_bh", "r_ph")}) AS moved
                        FROM {src.Table}
                        WHERE ({b} OR {w}){where}
                        GROUP BY resource_id
                        HAVING moved = 1 OR r_bc != 0 OR r_pc != 0 OR r_bu != 0 OR r_pu != 0
                    )
                    GROUP BY moved, resource_id, ikey, one_line
                ) AS r
                LEFT ANY JOIN
                (
                    SELECT identity_key, {string.Join(", ", LineColumns)} FROM cost_line_identity
                ) AS i ON i.identity_key = r.ikey
            )
            GROUP BY kind, k1, k2, k3
            """;
        var rows = await ch.QueryAsync<Row>(sql, p, ct).ConfigureAwait(false);
        if (rows.Any(r => r.Known == 0))
            throw new InvalidOperationException(
                "Some per-resource facts have an identity_key missing from cost_line_identity (migration 081 not applied, or its view dropped).");
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
