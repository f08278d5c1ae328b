using Polo.Data.Analysis.Sql;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>One resource × usage type × placement, aggregated in SQL over the baseline and the period.</summary>
internal sealed record CostLine(
    string ResourceId, string UsageType, string ResourceType, string AccountId, string AccountName, string AccountRole,
    string Service, string Region, string Customer, string Cluster, string IndexName, string State,
    decimal BaselineCost, decimal PeriodCost, double BaselineUsage, double PeriodUsage,
    long BaselineHours, long PeriodHours, DateTime FirstHour);

/// <summary>An event in the window (Prior = 0) or a resource's latest event before it (Prior = 1).</summary>
internal sealed record EventLine(DateTime EventTime, string EventId, string ResourceId, string EventType,
    Dictionary<string, string> Properties, byte Prior);

/// <summary>The two aggregate queries the decomposition runs: cost lines over cost_hourly, events over resource_events.</summary>
internal static class DeltaInputs
{
    /// <summary>
    /// Baseline and period cost and usage per resource × usage type × placement. Whole-day windows read the daily
    /// rollup and leave running hours unknown (-1, first hour = first day); others read the hourly ledger with hours.
    /// </summary>
    public static async Task<List<CostLine>> CostLinesAsync(IClickHouse ch, TimeRange baseline, TimeRange period,
        CostFilter? filter, CostType costType, bool allowRollup, CancellationToken ct)
    {
        var src = allowRollup ? CostSource.For(baseline, period) : CostSource.Hourly;
        var p = new QueryParams();
        var b = src.Between(baseline, p, "b");
        var w = src.Between(period, p, "w");
        var where = CostFilterSql.Conditions(filter, p);
        var cost = costType.Column();
        var hours = src.Daily
            ? "toInt64(-1) AS baseline_hours, toInt64(-1) AS period_hours, toDateTime(min(day), 'UTC') AS first_hour"
            : $"countIf({b} AND cost > 0) AS baseline_hours, countIf({w} AND cost > 0) AS period_hours, min(hour) AS first_hour";
        var sql = $"""
            SELECT c.resource_id AS resource_id, c.usage_type AS usage_type, c.customer AS customer, c.cluster AS cluster,
                   c.index_name AS index_name, c.any_resource_type AS resource_type, c.any_account_id AS account_id,
                   c.any_service AS service, c.any_region AS region,
                   c.baseline_cost AS baseline_cost, c.period_cost AS period_cost, c.baseline_usage AS baseline_usage,
                   c.period_usage AS period_usage, c.baseline_hours AS baseline_hours, c.period_hours AS period_hours,
                   c.first_hour AS first_hour, ifNull(s.state, '') AS state,
                   dictGetOrDefault('account_dict', 'account_name', tuple(c.any_account_id), c.any_account_id) AS account_name,
                   dictGetOrDefault('account_dict', 'role', tuple(c.any_account_id), '') AS account_role
            FROM
            (
                SELECT resource_id, usage_type, customer, cluster, index_name,
                       any(resource_type) AS any_resource_type, any(account_id) AS any_account_id, any(service) AS any_service,
                       any(region) AS any_region,
                       sumIf({cost}, {b}) AS baseline_cost, sumIf({cost}, {w}) AS period_cost,
                       sumIf(usage_amount, {b}) AS baseline_usage, sumIf(usage_amount, {w}) AS period_usage,
                       {hours}
                FROM {src.Table}
                WHERE ({b} OR {w}){where}
                GROUP BY resource_id, usage_type, customer, cluster, index_name
                HAVING baseline_cost != 0 OR period_cost != 0
            ) AS c
            LEFT JOIN
            (
                SELECT resource_id, argMax(state, observed_at) AS state FROM resource_snapshots GROUP BY resource_id
            ) AS s ON s.resource_id = c.resource_id
            SETTINGS join_use_nulls = 1
            """;
        return await ch.QueryAsync<CostLine>(sql, p, ct).ConfigureAwait(false);
    }

    /// <summary>Running hours and first cost hour of some resources, from the hourly ledger.</summary>
    public sealed record HoursLine(string ResourceId, string UsageType, string Customer, string Cluster, string IndexName,
        long BaselineHours, long PeriodHours, DateTime FirstHour);

    public static async Task<List<HoursLine>> HoursAsync(IClickHouse ch, IReadOnlyCollection<string> resourceIds,
        TimeRange baseline, TimeRange period, CancellationToken ct)
    {
        var p = new QueryParams { ["ids"] = resourceIds.ToArray() };
        var b = CostSource.Hourly.Between(baseline, p, "b");
        var w = CostSource.Hourly.Between(period, p, "w");
        return await ch.QueryAsync<HoursLine>($"""
            SELECT resource_id, toString(usage_type) AS usage_type, toString(customer) AS customer, cluster, index_name,
                   countIf({b} AND cost > 0) AS baseline_hours, countIf({w} AND cost > 0) AS period_hours, min(hour) AS first_hour
            FROM cost_hourly
            WHERE ({b} OR {w}) AND resource_id IN {"{ids:Array(String)}"}
            GROUP BY resource_id, usage_type, customer, cluster, index_name
            """, p, ct).ConfigureAwait(false);
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
