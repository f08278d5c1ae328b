using Polo.Data.Analysis.Sql;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>One resource × service × usage type × line item type × placement, aggregated in SQL over both windows.
/// Hours are usage amounts whose pricing unit is hours (never hours with cost); first/last hour are the first and last
/// billed hour (a day's midnight from the daily rollup); PerBillingPeriod = a non-usage line (fee, RI fee, tax, credit…)
/// billed on at most one day per billing period in each window, so it is compared per period, unscaled.</summary>
internal sealed record CostLine(
    string ResourceId, string UsageType, string ResourceType, string AccountId, string AccountName, string AccountRole,
    string Service, string Region, string Customer, string Cluster, string IndexName, string State,
    string LineItemType, string PricingUnit, byte HasCommitment, byte PerBillingPeriod,
    decimal BaselineCost, decimal PeriodCost, double BaselineUsage, double PeriodUsage,
    double BaselineHours, double PeriodHours, DateTime FirstHour, DateTime LastHour);

/// <summary>An event in the window (Prior = 0) or a resource's latest event before it (Prior = 1).</summary>
internal sealed record EventLine(DateTime EventTime, string EventId, string ResourceId, string EventType,
    Dictionary<string, string> Properties, byte Prior);

/// <summary>A snapshot whose source volume (resource_relationships snapshot_of) was deleted before the period ended.</summary>
internal sealed record OrphanSnapshot(string SnapshotId, string VolumeId, DateTime DeletedAt);

/// <summary>The aggregate queries the decomposition runs: cost lines, events, snapshot orphans.</summary>
internal static class DeltaInputs
{
    /// <summary>Pricing units that count running hours.</summary>
    public const string HourUnits = "lower(pricing_unit) IN ('hrs', 'hr', 'hours', 'hour')";

    public static async Task<List<CostLine>> CostLinesAsync(IClickHouse ch, DeltaBaseline baseline, TimeRange period,
        CostFilter? filter, CostType costType, bool allowRollup, CancellationToken ct)
    {
        var src = allowRollup ? CostSource.For(baseline, period) : CostSource.Hourly;
        var p = new QueryParams();
        var b = src.Between(baseline, p, "b");
        var w = src.Between(period, p, "w");
        var where = CostFilterSql.Conditions(filter, p);
        var cost = costType.Column();
        var t = src.Daily ? "toDateTime(day, 'UTC')" : "hour";
        var sql = $"""
            SELECT c.resource_id AS resource_id, c.usage_type AS usage_type, c.customer AS customer, c.cluster AS cluster,
                   c.index_name AS index_name, c.any_resource_type AS resource_type, c.any_account_id AS account_id,
                   c.service AS service, c.any_region AS region, c.line_item_type AS line_item_type,
                   c.any_pricing_unit AS pricing_unit, c.has_commitment AS has_commitment,
                   c.per_billing_period AS per_billing_period,
                   c.baseline_cost AS baseline_cost, c.period_cost AS period_cost, c.baseline_usage AS baseline_usage,
                   c.period_usage AS period_usage, c.baseline_hours AS baseline_hours, c.period_hours AS period_hours,
                   c.first_hour AS first_hour, c.last_hour AS last_hour, ifNull(s.state, '') AS state,
                   dictGetOrDefault('account_dict', 'account_name', tuple(c.any_account_id), c.any_account_id) AS account_name,
                   dictGetOrDefault('account_dict', 'role', tuple(c.any_account_id), '') AS account_role
            FROM
            (
                SELECT resource_id, toString(service) AS service, toString(usage_type) AS usage_type,
                       toString(customer) AS customer, cluster, index_name, toString(line_item_type) AS line_item_type,
                       toString(any(resource_type)) AS any_resource_type, toString(any(account_id)) AS any_account_id,
                       toString(any(region)) AS any_region, toString(anyIf(pricing_unit, pricing_unit != '')) AS any_pricing_unit,
                       toUInt8(max(commitment_arn != '')) AS has_commitment,
                       toUInt8(line_item_type NOT IN ('', 'Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')
                               AND uniqExactIf(toDate({t}), {b}) <= uniqExactIf(billing_period, {b})
                               AND uniqExactIf(toDate({t}), {w}) <= uniqExactIf(billing_period, {w})) AS per_billing_period,
                       sumIf({cost}, {b}) AS baseline_cost, sumIf({cost}, {w}) AS period_cost,
                       sumIf(usage_amount, {b}) AS baseline_usage, sumIf(usage_amount, {w}) AS period_usage,
                       sumIf(usage_amount, {b} AND {HourUnits}) AS baseline_hours,
                       sumIf(usage_amount, {w} AND {HourUnits}) AS period_hours,
                       min({t}) AS first_hour, max({t}) AS last_hour
                FROM {src.Table}
                WHERE ({b} OR {w}){where}
                GROUP BY resource_id, service, usage_type, customer, cluster, index_name, line_item_type
                HAVING baseline_cost != 0 OR period_cost != 0 OR baseline_usage != 0 OR period_usage != 0
            ) AS c
            LEFT JOIN
            (
                SELECT resource_id, toString(argMax(state, observed_at)) AS state FROM resource_snapshots GROUP BY resource_id
            ) AS s ON s.resource_id = c.resource_id
            SETTINGS join_use_nulls = 1
            """;
        return await ch.QueryAsync<CostLine>(sql, p, ct).ConfigureAwait(false);
    }

    /// <summary>First billed hour of some resources, from the hourly ledger (the rollup only knows the day).</summary>
    public sealed record FirstHourLine(string ResourceId, DateTime FirstHour);

    public static async Task<Dictionary<string, DateTime>> FirstHoursAsync(IClickHouse ch,
        IReadOnlyCollection<string> resourceIds, DeltaBaseline baseline, TimeRange period, CancellationToken ct)
    {
        var p = new QueryParams { ["ids"] = resourceIds.ToArray() };
        var b = CostSource.Hourly.Between(baseline, p, "b");
        var w = CostSource.Hourly.Between(period, p, "w");
        var rows = await ch.QueryAsync<FirstHourLine>($"""
            SELECT resource_id, min(hour) AS first_hour
            FROM cost_hourly
            WHERE ({b} OR {w}) AND resource_id IN {"{ids:Array(String)}"}
            GROUP BY resource_id
            """, p, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.ResourceId, r => r.FirstHour);
    }

    /// <summary>Snapshots (of <paramref name="snapshotIds"/>) whose source volume was deleted before <paramref name="end"/>:
    /// the volume's latest inventory row is deleted, or a deleted event exists for it.</summary>
    public static async Task<Dictionary<string, OrphanSnapshot>> OrphanSnapshotsAsync(IClickHouse ch,
        IReadOnlyCollection<string> snapshotIds, DateTime end, CancellationToken ct)
    {
        if (snapshotIds.Count == 0) return [];
        var rows = await ch.QueryAsync<OrphanSnapshot>("""
            SELECT r.from_id AS snapshot_id, r.to_id AS volume_id, d.deleted_at AS deleted_at
            FROM
            (
                SELECT from_id, to_id FROM resource_relationships FINAL
                WHERE relation = 'snapshot_of' AND is_deleted = 0 AND from_id IN {ids:Array(String)}
            ) AS r
            INNER JOIN
            (
                SELECT resource_id, min(at) AS deleted_at FROM
                (
                    SELECT resource_id, assumeNotNull(deleted_at) AS at FROM resource_snapshots FINAL
                    WHERE deleted_at IS NOT NULL
                    UNION ALL
                    SELECT resource_id, event_time AS at FROM resource_events WHERE event_type = 'deleted'
                )
                GROUP BY resource_id
            ) AS d ON d.resource_id = r.to_id
            WHERE d.deleted_at < {end:DateTime64(3)}
            """, new QueryParams { ["ids"] = snapshotIds.ToArray(), ["end"] = end }, ct).ConfigureAwait(false);
        return rows.GroupBy(r => r.SnapshotId).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Every event in [lo, hi) plus each resource's latest event before lo (its standing state).</summary>
    public static async Task<List<EventLine>> EventsAsync(IClickHouse ch, DateTime lo, DateTime hi, CancellationToken ct)
    {
        const string sql = """
            SELECT event_time, event_id, resource_id, toString(event_type) AS event_type, properties, toUInt8(0) AS prior
            FROM resource_events
            WHERE event_time >= {lo:DateTime64(3)} AND event_time < {hi:DateTime64(3)}
            UNION ALL
            SELECT last_time AS event_time, last_id AS event_id, resource_id, last_type AS event_type,
                   last_props AS properties, toUInt8(1) AS prior
            FROM
            (
                SELECT resource_id, max(event_time) AS last_time, argMax(event_id, event_time) AS last_id,
                       toString(argMax(event_type, event_time)) AS last_type, argMax(properties, event_time) AS last_props
                FROM resource_events
                WHERE event_time < {lo:DateTime64(3)}
                GROUP BY resource_id
            )
            """;
        return await ch.QueryAsync<EventLine>(sql, new QueryParams { ["lo"] = lo, ["hi"] = hi }, ct).ConfigureAwait(false);
    }
}
