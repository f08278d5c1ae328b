using Polo.Data.Analysis.Sql;
using Polo.Data.Facts;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>
/// Which resources moved between two windows of the same length, in one GROUP BY resource over the per-resource
/// daily facts (<c>cost_resource_daily</c>, migration 080), grouped by resource_key (cityHash64(resource_id), which
/// leads the table's order since migration 082: each resource's rows are read one after the other). A
/// resource billed on one line (min(identity_key) = max(identity_key): one line identity in the windows, whose nine strings
/// hold line_key's six) whose cost, usage and running hours are equal in both
/// windows moved $0 with no part: it is summed per node of the grouping and never shipped. A resource billed on one
/// usage line that moved is shipped whole from the same scan (its costs are its line's: the line
/// <see cref="DeltaInputs.CostLinesAsync"/> would read; its usage comes with its <see cref="Details"/>). The others
/// (several lines, a fee or other non-usage line, the id-less lines) are the candidates whose lines
/// <see cref="DeltaInputs.CostLinesAsync"/> then reads through the facts' primary key and judges line by line, exactly
/// as the rollup path does: few resources, so few of the facts' granules. The GROUP BY reads numbers only: resource_key
/// stands for the id (migration 083: resource_check, a second hash of it, tells two ids with one key apart; the scan
/// then gives up, as it does when a moved key's id is missing from <c>cost_resource_key</c>), identity_key (migration
/// 081) for the nine identity strings; the strings are looked up in <c>cost_line_identity</c> once per group of
/// unchanged resources and once per moved resource, the ids in <c>cost_resource_key</c> (a table joined since
/// migration 085; a key two ids share gives either, and resource_check then tells the scan to give up) once per moved
/// resource.
/// </summary>
internal static class MovedResources
{
    /// <summary>The candidates' resource ids ("" for the id-less lines), the moved single-line resources' lines
    /// (<see cref="CostLine.Changed"/> = 1, as <see cref="DeltaInputs.CostLinesAsync"/> gives them once
    /// <see cref="Complete"/>d with their <see cref="DetailsAsync"/>) and the unchanged
    /// resources per node (<see cref="CostLine.Changed"/> = 0, only the grouping's node columns set).</summary>
    public sealed record Scan(List<string> Candidates, List<CostLine> Moved, List<CostLine> Unchanged);

    /// <summary>Kind 0: the unchanged resources of one node (K1…K3 = the grouping's node columns, see
    /// <see cref="NodeColumns"/>); kind 1: a candidate (its id in K1); kind 2: a moved single-line resource (its id in K1,
    /// its line in <see cref="Line"/>; null for the other kinds).</summary>
    private sealed record Row(byte Kind, string K1, string K2, string K3, long Resources, decimal BaselineCost,
        decimal PeriodCost, double PeriodUsage, DateTime LastHour, LineRow? Line, string AccountName, string AccountRole, byte Known,
        byte Named, byte Shared);

    /// <summary>The line of a moved single-line resource (kind 2), without its <see cref="Details"/>.</summary>
    private sealed record LineRow(string Service, string UsageType, string Customer, string Cluster, string IndexName,
        string LineItemType, string AccountId, string Region, string ResourceType);

    /// <summary>The scan's rows, read in the order of its SELECT (see <see cref="CompactRowReader"/>): ~16k node rows on a
    /// ~100k-resource estate.</summary>
    private static List<Row> ParseRows(string compactEachRow)
    {
        var rows = new List<Row>();
        var r = new CompactRowReader(compactEachRow);
        while (r.NextRow())
        {
            var (kind, k1, k2, k3) = ((byte)r.Int64(), r.String(), r.String(), r.String());
            var (resources, baselineCost, periodCost, periodUsage, lastHour) = (r.Int64(), r.Decimal(), r.Decimal(), r.Double(), r.UnixSeconds());
            var line = new LineRow(r.String(), r.String(), r.String(), r.String(), r.String(), r.String(), r.String(), r.String(),
                r.String());
            rows.Add(new Row(kind, k1, k2, k3, resources, baselineCost, periodCost, periodUsage, lastHour, kind == 2 ? line : null,
                r.String(), r.String(), (byte)r.Int64(), (byte)r.Int64(), (byte)r.Int64()));
            r.EndRow();
        }
        return rows;
    }

    /// <summary>What a moved single-line resource's line needs beyond the scan's costs: pricing unit, commitment, first
    /// billed day and hour, and its usage and running hours in both windows (over the windows' rows, as
    /// <see cref="DeltaInputs.CostLinesAsync"/> gives them). The usage sums are summed here, row by row as that query
    /// does, not taken from the scan: its in-order aggregation adds a resource's rows in a vectorised order whose last
    /// bits differ, and the parts' usage figures are shown to the last digit.</summary>
    public sealed record Details(string ResourceId, string PricingUnit, byte HasCommitment, DateTime FirstHour, DateTime ResourceFirstHour,
        double BaselineUsage, double PeriodUsage, double BaselineHours, double PeriodHours);

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

    public static async Task<Scan?> ScanAsync(IClickHouse ch, DeltaBaseline baseline, TimeRange period, CostFilter? filter,
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
        var line = string.Join(", ", LineColumns.Select(c => $"anyIf(a_{c}, kind = 2) AS {c}"));
        string Account(string attribute, string fallback) =>
            $"if(kind = 2, dictGetOrDefault('account_dict', '{attribute}', tuple(account_id), {fallback.Replace("@", "account_id")}), " +
            (kept[0] == "account_id" ? $"dictGetOrDefault('account_dict', '{attribute}', tuple(k1), {fallback.Replace("@", "k1")}))" : "'')");
        var usageTypes = string.Join(", ", new[] { "", LineItemTypes.Usage, LineItemTypes.DiscountedUsage, LineItemTypes.SavingsPlanCoveredUsage }.Select(t => $"'{t}'"));
        // Every row read is in one window or the other: when they do not overlap, a baseline sum is the whole sum less the
        // period's (exact for the Decimal costs; a double's last bits differ, far below the 1e-12 the moved test allows,
        // and the usage figures shown come from the lines or the details, not from here). A plain sum is cheaper than sumIf.
        var disjoint = baseline.Ranges.All(r => r.End <= period.Start || r.Start >= period.End);
        string Sums(string column, string inBaseline, string inPeriod) => disjoint
            ? $"sumIf({column}, {w}) AS {inPeriod}, sum({column}) - {inPeriod} AS {inBaseline}"
            : $"sumIf({column}, {b}) AS {inBaseline}, sumIf({column}, {w}) AS {inPeriod}";
        // Per resource only numbers (its identity_key, whether it has one line, its sums); the unchanged resources are
        // then summed per identity_key, and only those groups and the moved resources look their strings up in
        // cost_line_identity (migration 081). A single-line resource's identity is its line's (line_key is part of it).
        var sql = $"""
            SELECT kind, if(kind != 0, resource_id, {Key(0)}) AS k1, if(kind != 0, '', {Key(1)}) AS k2, if(kind != 0, '', {Key(2)}) AS k3,
                   sum(n) AS resources, sum(i_bc) AS baseline_cost, sum(i_pc) AS period_cost,
                   sum(i_pu_amount) AS period_usage, toUInt32(toDateTime(max(i_last_day), 'UTC')) AS last_hour,
                   {line},
                   {Account("account_name", "@")} AS account_name, {Account("role", "''")} AS account_role,
                   min(known) AS known, min(named) AS named, max(shared) AS shared
            FROM
            (
                SELECT r.*, {string.Join(", ", LineColumns.Select(c => $"toString(i.{c}) AS a_{c}"))},
                       toUInt8(i.identity_key = r.ikey) AS known,
                       if(r.keyed = 1, k.kid, '') AS resource_id,
                       toUInt8(r.keyed = 0 OR xxHash64(resource_id) = r.rcheck) AS named,
                       if(r.moved = 0, 0, if(resource_id != '' AND r.one_line = 1 AND i.line_item_type IN ({usageTypes}), 2, 1)) AS kind
                FROM
                (
                    SELECT moved, toUInt8({(byResource ? "1" : "moved = 1")}) AS keyed, if(keyed = 1, rk, 0) AS rkey, ikey, one_line,
                           count() AS n, any(r_check) AS rcheck, max(r_shared) AS shared,
                           sum(r_bc) AS i_bc, sum(r_pc) AS i_pc, sum(r_pu) AS i_pu_amount, max(r_last_day) AS i_last_day
                    FROM
                    (
                        SELECT resource_key AS rk, min(identity_key) AS ikey, toUInt8(ikey = max(identity_key)) AS one_line,
                               any(resource_check) AS r_check, toUInt8(min(resource_check) != max(resource_check)) AS r_shared,
                               {Sums(cost, "r_bc", "r_pc")}, {Sums("usage_amount", "r_bu", "r_pu")}, {Sums("running_hours", "r_bh", "r_ph")},
                               max(day) AS r_last_day,
                               toUInt8(rk = cityHash64('') OR one_line = 0 OR r_bc != r_pc
                                       OR {DeltaInputs.Differ("r_bu", "r_pu")} OR {DeltaInputs.Differ("r_bh", "r_ph")}) AS moved
                        FROM {src.Table}
                        WHERE ({b} OR {w}){where}
                        GROUP BY resource_key
                        HAVING moved = 1 OR r_bc != 0 OR r_pc != 0 OR r_bu != 0 OR r_pu != 0 OR r_shared = 1
                    )
                    GROUP BY moved, keyed, rkey, ikey, one_line
                ) AS r
                LEFT ANY JOIN (SELECT resource_key, resource_id AS kid FROM {ResourceDailyFacts.KeyTable}) AS k ON k.resource_key = r.rkey
                LEFT ANY JOIN
                (
                    SELECT identity_key, {string.Join(", ", LineColumns)} FROM cost_line_identity
                ) AS i ON i.identity_key = r.ikey
            )
            GROUP BY kind, k1, k2, k3
            SETTINGS optimize_aggregation_in_order = 1, {DeltaInputs.NoJit}
            """;
        var rows = ParseRows(await ch.QueryRawAsync(sql, "JSONCompactEachRow", p, ct).ConfigureAwait(false));
        if (rows.Any(r => r.Known == 0))
            throw new InvalidOperationException(
                "Some per-resource facts have an identity_key missing from cost_line_identity (migration 081 not applied, or its view dropped).");
        // Two resource ids with one resource_key (cityHash64) were summed as one, or a moved key's id is not in
        // cost_resource_key (a view dropped by hand, a table lost): this scan cannot name them, the daily rollup can.
        if (rows.Any(r => r.Shared == 1 || r.Named == 0)) return null;
        var candidates = rows.Where(r => r.Kind == 1).Select(r => r.K1).ToList();
        var moved = rows.Where(r => r.Kind == 2).Select(r => Moved(r, r.Line!)).ToList();
        var unchanged = rows.Where(r => r.Kind == 0).Select(r => Unchanged(r, kept)).ToList();
        return new Scan(candidates, moved, unchanged);
    }

    /// <summary>A moved single-line resource's line without its <see cref="Details"/> (see <see cref="Complete"/>).</summary>
    private static CostLine Moved(Row r, LineRow l) => new(r.K1, l.UsageType, l.ResourceType, l.AccountId,
        r.AccountName, r.AccountRole, l.Service, l.Region, l.Customer, l.Cluster, l.IndexName, State: "", l.LineItemType,
        PricingUnit: "", HasCommitment: 0, PerBillingPeriod: 0, r.BaselineCost, r.PeriodCost, BaselineUsage: 0, PeriodUsage: 0,
        BaselineHours: 0, PeriodHours: 0, FirstHour: default, r.LastHour, Changed: 1, Resources: 1, ResourceFirstHour: null);

    /// <summary>The moved single-line resources' lines as <see cref="DeltaInputs.CostLinesAsync"/> gives them: the
    /// scan's costs with <paramref name="details"/>; like that query, a line whose four sums are zero is dropped.</summary>
    public static List<CostLine> Complete(List<CostLine> moved, Dictionary<string, Details> details) =>
        moved.Select(l => details.TryGetValue(l.ResourceId, out var d)
                ? l with
                {
                    PricingUnit = d.PricingUnit,
                    HasCommitment = d.HasCommitment,
                    FirstHour = d.FirstHour,
                    ResourceFirstHour = d.ResourceFirstHour,
                    BaselineUsage = d.BaselineUsage,
                    PeriodUsage = d.PeriodUsage,
                    BaselineHours = d.BaselineHours,
                    PeriodHours = d.PeriodHours,
                }
                : throw new InvalidOperationException($"No details for the moved resource {l.ResourceId}."))
            .Where(l => l.BaselineCost != 0 || l.PeriodCost != 0 || l.BaselineUsage != 0 || l.PeriodUsage != 0)
            .ToList();

    /// <summary>The <see cref="Details"/> of some resources (the moved single-line ones) over the windows' rows under
    /// <paramref name="filter"/>, through the facts' primary key: a few hundred resources, not the scan's ~100k
    /// (aggregating the pricing unit and first billed day and hour of every resource cost the scan about a third).</summary>
    public static async Task<Dictionary<string, Details>> DetailsAsync(IClickHouse ch, DeltaBaseline baseline, TimeRange period,
        CostFilter? filter, IReadOnlyCollection<string> resourceIds, CancellationToken ct)
    {
        if (resourceIds.Count == 0) return [];
        var src = CostSource.ResourceDaily;
        var p = new QueryParams { ["ids"] = resourceIds.ToArray() };
        var b = src.Between(baseline, p, "b");
        var w = src.Between(period, p, "w");
        var where = CostFilterSql.Conditions(filter, p);
        var rows = await ch.QueryAsync<Details>($"""
            SELECT resource_id, toString(max(pricing_unit)) AS pricing_unit, max(has_commitment) AS has_commitment,
                   toUInt32(toDateTime(min(day), 'UTC')) AS first_hour, toUInt32(min(first_billed_hour)) AS resource_first_hour,
                   sumIf(usage_amount, {b}) AS baseline_usage, sumIf(usage_amount, {w}) AS period_usage,
                   sumIf(running_hours, {b}) AS baseline_hours, sumIf(running_hours, {w}) AS period_hours
            FROM {src.Table}
            WHERE ({b} OR {w}) AND {ResourceDailyFacts.Only("ids")}{where}
            GROUP BY resource_id
            SETTINGS {DeltaInputs.NoJit}
            """, p, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.ResourceId);
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
