using Polo.Data.Analysis.Sql;
using Polo.Data.Facts;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>One resource × service × usage type × line item type × placement, aggregated in SQL over both windows.
/// Hours are usage amounts whose pricing unit is hours (never hours with cost); first/last hour are the first and last
/// billed hour (a day's midnight from the daily rollup); PerBillingPeriod = a non-usage line (fee, RI fee, tax, credit…)
/// billed on at most one day per billing period in each window, so it is compared per period, unscaled.
/// Changed = 0: not one line but <see cref="Resources"/> unchanged resources summed per node of the grouping (only the
/// node's columns are set), see <see cref="DeltaInputs.CostLinesAsync"/>. ResourceFirstHour: the resource's first billed
/// hour over all its lines in the windows, when the lines come from the per-resource facts (null otherwise).</summary>
internal sealed record CostLine(
    string ResourceId, string UsageType, string ResourceType, string AccountId, string AccountName, string AccountRole,
    string Service, string Region, string Customer, string Cluster, string IndexName, string State,
    string LineItemType, string PricingUnit, byte HasCommitment, byte PerBillingPeriod,
    decimal BaselineCost, decimal PeriodCost, double BaselineUsage, double PeriodUsage,
    double BaselineHours, double PeriodHours, DateTime FirstHour, DateTime LastHour, byte Changed = 1, long Resources = 1,
    DateTime? ResourceFirstHour = null);

/// <summary>An event in the window (Prior = 0) or a resource's latest event before it (Prior = 1).</summary>
internal sealed record EventLine(DateTime EventTime, string EventId, string ResourceId, string EventType,
    Dictionary<string, string> Properties, byte Prior);

/// <summary>A snapshot whose source volume (resource_relationships snapshot_of) was deleted before the period ended.</summary>
internal sealed record OrphanSnapshot(string SnapshotId, string VolumeId, DateTime DeletedAt);

/// <summary>The aggregate queries the decomposition runs: cost lines, events, snapshot orphans.</summary>
internal static class DeltaInputs
{
    // Id lists are matched as `IN (SELECT arrayJoin({ids:Array(String)}))`, a hash set: the engine matches
    // `IN {ids:Array(String)}` (an array literal) far slower once the list is long (tens of thousands of ids: minutes).

    /// <summary>Whether two usage sums differ by more than the order of summation can make them differ (1e-12 relative,
    /// 1e-12 absolute near zero): such a difference moves no cent (usage part = Δusage × old rate, rounded to 6 decimals)
    /// and must not make a resource whose cost is the same look moved.</summary>
    public static string Differ(string a, string b) => $"abs({a} - {b}) > 1e-12 * greatest(1.0, abs({a}))";

    /// <summary>Settings of every query of the decomposition: no JIT compilation of expressions, aggregates or sort
    /// descriptions. The engine compiles them (LLVM) synchronously the 4th time it runs the same query
    /// (min_count_to_compile_* = 3): on the ×10 estate that run of the moved-resource scan took 61-74 ms instead of 11,
    /// and that decomposition 430-600 ms instead of ~140 (every process, every new window); without it every run costs
    /// what the others do.</summary>
    public const string NoJit = "compile_expressions = 0, compile_aggregate_expressions = 0, compile_sort_description = 0";

    /// <summary>Pricing units that count running hours.</summary>
    public const string HourUnits = "lower(pricing_unit) IN ('hrs', 'hr', 'hours', 'hour')";

    /// <summary>
    /// The cost lines of both windows. With <paramref name="foldUnchanged"/>, a resource whose every line has the same
    /// cost, usage and hours in both windows (it moved $0 and has no parts) is not shipped line by line: such
    /// resources come back summed per node of <paramref name="groupBy"/> (Changed = 0), so the caller classifies only
    /// the resources that moved. Only valid when the windows have the same length (no scaling).
    /// </summary>
    /// <para>With <paramref name="onlyResources"/>, only those resource ids' lines are read (from the per-resource
    /// facts, through their primary key; the empty id stands for the id-less lines).</para>
    public static async Task<List<CostLine>> CostLinesAsync(IClickHouse ch, DeltaBaseline baseline, TimeRange period,
        CostFilter? filter, CostType costType, bool allowRollup, CancellationToken ct, Grouping? groupBy = null, bool foldUnchanged = false,
        IReadOnlyCollection<string>? onlyResources = null)
    {
        var src = onlyResources is not null ? CostSource.ResourceDaily : allowRollup ? CostSource.For(baseline, period) : CostSource.Hourly;
        var facts = src == CostSource.ResourceDaily;
        var p = new QueryParams();
        var b = src.Between(baseline, p, "b");
        var w = src.Between(period, p, "w");
        var where = CostFilterSql.Conditions(filter, p);
        if (onlyResources is not null)
        {
            p["only"] = onlyResources.ToArray();
            where += " AND " + ResourceDailyFacts.Only("only");
        }
        var hours = (string window) => facts ? $"sumIf(running_hours, {window})" : $"sumIf(usage_amount, {window} AND {HourUnits})";
        var commitment = facts ? "max(has_commitment)" : "toUInt8(max(commitment_arn != ''))";
        var unit = facts ? "toString(max(pricing_unit))" : "toString(anyIf(pricing_unit, pricing_unit != ''))";
        // The facts know each day's first billed hour: the resource's first hour over all its lines, zero lines included.
        var (resourceFirst, firstWindow) = facts
            ? ("f.resource_first_hour", "SELECT *, min(exact_first_hour) OVER (PARTITION BY resource_id) AS resource_first_hour FROM")
            : ("NULL", "SELECT * FROM");
        var cost = costType.Column();
        var t = src.Daily ? "toDateTime(day, 'UTC')" : "hour";
        var changed = foldUnchanged
            ? $"max(baseline_cost != period_cost OR {Differ("baseline_usage", "period_usage")} OR {Differ("baseline_hours", "period_hours")}) OVER (PARTITION BY rid)"
            : "toUInt8(1)";
        // Grouping keys: a changed line keeps its identity; unchanged ones keep only the node columns of the grouping.
        string Keep(string column, params GroupingKind[] kinds) =>
            groupBy is { } g && kinds.Contains(g.Kind) ? column : $"if(changed = 1, {column}, '')";
        var hierarchy = new[] { GroupingKind.Customer, GroupingKind.Cluster, GroupingKind.Index };
        var sql = $"""
            SELECT f.k_resource_id AS resource_id, f.k_usage_type AS usage_type, f.k_customer AS customer, f.k_cluster AS cluster,
                   f.k_index_name AS index_name, f.k_resource_type AS resource_type, f.k_account_id AS account_id,
                   f.k_service AS service, f.k_region AS region, f.k_line_item_type AS line_item_type,
                   f.pricing_unit AS pricing_unit, f.has_commitment AS has_commitment,
                   f.per_billing_period AS per_billing_period,
                   f.baseline_cost AS baseline_cost, f.period_cost AS period_cost, f.baseline_usage AS baseline_usage,
                   f.period_usage AS period_usage, f.baseline_hours AS baseline_hours, f.period_hours AS period_hours,
                   f.first_hour AS first_hour, f.last_hour AS last_hour, {(foldUnchanged ? "''" : "ifNull(s.state, '')")} AS state,
                   f.changed AS changed, f.resources AS resources, {resourceFirst} AS resource_first_hour,
                   dictGetOrDefault('account_dict', 'account_name', tuple(f.k_account_id), f.k_account_id) AS account_name,
                   dictGetOrDefault('account_dict', 'role', tuple(f.k_account_id), '') AS account_role
            FROM
            (
                SELECT {Keep("rid", GroupingKind.Resource)} AS k_resource_id, {Keep("usage_type", GroupingKind.UsageType)} AS k_usage_type,
                       {Keep("customer", hierarchy)} AS k_customer, {Keep("cluster", hierarchy)} AS k_cluster,
                       {Keep("index_name", hierarchy)} AS k_index_name, {Keep("rtype", GroupingKind.ResourceType)} AS k_resource_type,
                       {Keep("any_account_id", GroupingKind.Account, GroupingKind.AccountRole)} AS k_account_id,
                       {Keep("service", GroupingKind.Service)} AS k_service, {Keep("any_region", GroupingKind.Region)} AS k_region,
                       {Keep("line_item_type")} AS k_line_item_type, any(any_pricing_unit) AS pricing_unit,
                       max(has_commitment) AS has_commitment, max(per_billing_period) AS per_billing_period,
                       sum(baseline_cost) AS baseline_cost, sum(period_cost) AS period_cost,
                       sum(baseline_usage) AS baseline_usage, sum(period_usage) AS period_usage,
                       sum(baseline_hours) AS baseline_hours, sum(period_hours) AS period_hours,
                       min(first_hour) AS first_hour, max(last_hour) AS last_hour, changed, uniqExact(rid) AS resources{(facts ? ", min(resource_first_hour) AS resource_first_hour" : "")}
                FROM
                (
                    SELECT *, toUInt8({changed}) AS changed
                    FROM
                    (
                      {firstWindow}
                      (
                        SELECT resource_id, toString(service) AS service, toString(usage_type) AS usage_type,
                               toString(customer) AS customer, cluster, index_name, toString(line_item_type) AS line_item_type,
                               toString(any(resource_type)) AS any_resource_type, toString(any(account_id)) AS any_account_id,
                               toString(any(region)) AS any_region, {unit} AS any_pricing_unit,
                               {commitment} AS has_commitment,
                               toUInt8(line_item_type NOT IN ('', 'Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')
                                       AND uniqExactIf(toDate({t}), {b}) <= uniqExactIf(billing_period, {b})
                                       AND uniqExactIf(toDate({t}), {w}) <= uniqExactIf(billing_period, {w})) AS per_billing_period,
                               sumIf({cost}, {b}) AS baseline_cost, sumIf({cost}, {w}) AS period_cost,
                               sumIf(usage_amount, {b}) AS baseline_usage, sumIf(usage_amount, {w}) AS period_usage,
                               {hours(b)} AS baseline_hours, {hours(w)} AS period_hours,
                               min({t}) AS first_hour, max({t}) AS last_hour{(facts ? ", min(first_billed_hour) AS exact_first_hour" : "")},
                               if(resource_id != '', resource_id, concat('bill:', service, '/', if(line_item_type = '', 'Usage', line_item_type), '/', if(usage_type = '', '-', usage_type))) AS rid,
                               if(resource_id != '', any_resource_type, '{LineItemTypes.BillingLine}') AS rtype
                        FROM {src.Table}
                        WHERE ({b} OR {w}){where}
                        GROUP BY resource_id, service, usage_type, customer, cluster, index_name, line_item_type
                      )
                    )
                    WHERE baseline_cost != 0 OR period_cost != 0 OR baseline_usage != 0 OR period_usage != 0
                )
                GROUP BY k_resource_id, k_usage_type, k_customer, k_cluster, k_index_name, k_resource_type, k_account_id,
                         k_service, k_region, k_line_item_type, changed
            ) AS f
            {(foldUnchanged ? "" : StateJoin)}
            SETTINGS join_use_nulls = 1, {NoJit}
            """;
        return await ch.QueryAsync<CostLine>(sql, p, ct).ConfigureAwait(false);
    }

    /// <summary>Every resource's latest inventory state (folded lines read it with <see cref="StatesAsync"/> instead,
    /// for the resources that moved only).</summary>
    private const string StateJoin = """
        LEFT JOIN
        (
            SELECT resource_id, toString(argMax(state, observed_at)) AS state FROM resource_snapshots GROUP BY resource_id
        ) AS s ON s.resource_id = f.k_resource_id
        """;

    public sealed record StateLine(string ResourceId, string State);

    /// <summary>Latest inventory state of some resources.</summary>
    public static async Task<Dictionary<string, string>> StatesAsync(IClickHouse ch, IReadOnlyCollection<string> resourceIds,
        CancellationToken ct)
    {
        if (resourceIds.Count == 0) return [];
        var rows = await ch.QueryAsync<StateLine>($$"""
            SELECT resource_id, toString(argMax(state, observed_at)) AS state FROM resource_snapshots
            WHERE resource_id IN (SELECT arrayJoin({ids:Array(String)}))
            GROUP BY resource_id
            SETTINGS {{NoJit}}
            """, new QueryParams { ["ids"] = resourceIds.ToArray() }, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.ResourceId, r => r.State);
    }

    /// <summary>First billed hour of some resources, from the hourly ledger (the rollup only knows the day).</summary>
    public sealed record FirstHourLine(string ResourceId, DateTime FirstHour);

    /// <remarks>Asked only for resources first billed on the windows' first day (the classifier needs the hour only
    /// then), so only that day of the ledger is read. Under <paramref name="filter"/> only the lines it selects count,
    /// as in the lines themselves (a resource retagged from another node was first billed here when its first line here was).</remarks>
    public static async Task<Dictionary<string, DateTime>> FirstHoursAsync(IClickHouse ch,
        IReadOnlyCollection<string> resourceIds, DeltaBaseline baseline, TimeRange period, CostFilter? filter, CancellationToken ct)
    {
        var lo = baseline.Span.Start < period.Start ? baseline.Span.Start : period.Start;
        var p = new QueryParams { ["ids"] = resourceIds.ToArray(), ["day_e"] = lo.Date.AddDays(1) };
        var b = CostSource.Hourly.Between(baseline, p, "b");
        var w = CostSource.Hourly.Between(period, p, "w");
        var where = CostFilterSql.Conditions(filter, p);
        var rows = await ch.QueryAsync<FirstHourLine>($"""
            SELECT resource_id, min(hour) AS first_hour
            FROM cost_hourly
            WHERE ({b} OR {w}) AND hour < {"{day_e:DateTime}"} AND resource_id IN (SELECT arrayJoin({"{ids:Array(String)}"})){where}
            GROUP BY resource_id
            SETTINGS {NoJit}
            """, p, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.ResourceId, r => r.FirstHour);
    }

    /// <summary>Snapshots (of <paramref name="snapshotIds"/>) whose source volume was deleted before <paramref name="end"/>:
    /// the volume's latest inventory row is deleted, or a deleted event exists for it. Only those snapshots' volumes
    /// are looked up among the deleted resources.</summary>
    public static async Task<Dictionary<string, OrphanSnapshot>> OrphanSnapshotsAsync(IClickHouse ch,
        IReadOnlyCollection<string> snapshotIds, DateTime end, CancellationToken ct)
    {
        if (snapshotIds.Count == 0) return [];
        var rows = await ch.QueryAsync<OrphanSnapshot>($$"""
            WITH sources AS
            (
                SELECT from_id, to_id FROM resource_relationships FINAL
                WHERE relation = 'snapshot_of' AND is_deleted = 0 AND from_id IN (SELECT arrayJoin({ids:Array(String)}))
            )
            SELECT r.from_id AS snapshot_id, r.to_id AS volume_id, d.deleted_at AS deleted_at
            FROM sources AS r
            INNER JOIN
            (
                SELECT resource_id, min(at) AS deleted_at FROM
                (
                    SELECT resource_id, assumeNotNull(deleted_at) AS at FROM resource_snapshots FINAL
                    WHERE deleted_at IS NOT NULL AND resource_id IN (SELECT to_id FROM sources)
                    UNION ALL
                    SELECT resource_id, event_time AS at FROM resource_events
                    WHERE event_type = 'deleted' AND resource_id IN (SELECT to_id FROM sources)
                )
                GROUP BY resource_id
            ) AS d ON d.resource_id = r.to_id
            WHERE d.deleted_at < {end:DateTime64(3)}
            SETTINGS {{NoJit}}
            """, new QueryParams { ["ids"] = snapshotIds.ToArray(), ["end"] = end }, ct).ConfigureAwait(false);
        return rows.GroupBy(r => r.SnapshotId).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Every event in [lo, hi) plus each resource's latest event before lo (its standing state); with
    /// resourceIds, only those resources' events (null: every resource's).</summary>
    public static async Task<List<EventLine>> EventsAsync(IClickHouse ch, DateTime lo, DateTime hi, CancellationToken ct,
        IReadOnlyCollection<string>? resourceIds = null)
    {
        var p = new QueryParams { ["lo"] = lo, ["hi"] = hi };
        var only = "";
        if (resourceIds is not null)
        {
            if (resourceIds.Count == 0) return [];
            p["ids"] = resourceIds.ToArray();
            only = " AND resource_id IN (SELECT arrayJoin({ids:Array(String)}))";
        }
        var sql = $$"""
            SELECT event_time, event_id, resource_id, toString(event_type) AS event_type, properties, toUInt8(0) AS prior
            FROM resource_events
            WHERE event_time >= {lo:DateTime64(3)} AND event_time < {hi:DateTime64(3)}{{only}}
            UNION ALL
            SELECT last_time AS event_time, last_id AS event_id, resource_id, last_type AS event_type,
                   last_props AS properties, toUInt8(1) AS prior
            FROM
            (
                SELECT resource_id, max(event_time) AS last_time, argMax(event_id, event_time) AS last_id,
                       toString(argMax(event_type, event_time)) AS last_type, argMax(properties, event_time) AS last_props
                FROM resource_events
                WHERE event_time < {lo:DateTime64(3)}{{only}}
                GROUP BY resource_id
            )
            SETTINGS {{NoJit}}
            """;
        return await ch.QueryAsync<EventLine>(sql, p, ct).ConfigureAwait(false);
    }
}
