namespace Polo.Data.Facts;

/// <summary>
/// The per-resource daily facts (<c>cost_resource_daily</c>, migration 080): kept by a materialized view over the
/// hourly ledger, read by the delta decomposition. Like the daily rollup, the view's part of an insert can land
/// without the ledger's part when the process is killed; <see cref="ReconcileAsync"/> makes the facts equal the ledger
/// again over some days (the CUR commit log calls it when it rolls back an interrupted commit). Its rows get their
/// <c>identity_key</c> (a MATERIALIZED column, migration 081) and their <c>cost_line_identity</c> row (a view on this
/// table) from the engine, like every other insert. Since migration 082 the table is ordered by <c>resource_key</c>
/// (cityHash64(resource_id), MATERIALIZED as well), then resource_id, identity_key, billing period and day; since 083
/// each row also carries resource_check (xxHash64(resource_id), MATERIALIZED) and its key's id is in <see cref="KeyTable"/>.
/// </summary>
public static class ResourceDailyFacts
{
    public const string Table = "cost_resource_daily";

    /// <summary>resource_key → resource_id (migration 083; since 085 a ReplacingMergeTree table, one row per key and id,
    /// kept by a view on <see cref="Table"/>): read through a join.</summary>
    public const string KeyTable = "cost_resource_key";

    /// <summary>The condition that selects the rows of the resource ids in the Array(String) parameter
    /// <paramref name="parameter"/> through the primary key (its leading resource_key). Each row's second hash of its id
    /// (resource_check, migration 083) is matched too, so two ids with one resource_key never mix; it is a number, so no
    /// row's id is read to be compared (the ids of the ~2,300 granules 800 keys touch on the ~100k estate, ~4.7M strings,
    /// cost more than the rest of the query). Two ids would mix only if both 64-bit hashes of both were equal.</summary>
    public static string Only(string parameter) =>
        $"resource_key IN (SELECT cityHash64(arrayJoin({{{parameter}:Array(String)}}))) " +
        $"AND resource_check IN (SELECT xxHash64(arrayJoin({{{parameter}:Array(String)}})))";

    private const string Keys =
        "resource_id, line_key, service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, " +
        "resource_type, billing_period, day";

    /// <summary>Appends the difference between the ledger and the facts over the days of [min, max]: every sum becomes
    /// the ledger's; first/last billed hour are the ledger's where it has rows.</summary>
    private const string ReconcileSql = $"""
        INSERT INTO {Table} ({Keys}, pricing_unit, has_commitment, cost, amortized_cost, net_amortized_cost, usage_amount,
                             running_hours, first_billed_hour, last_billed_hour)
        SELECT {Keys}, max(unit), max(hc), sum(c) AS sc, sum(a) AS sa, sum(na) AS sna, sum(u) AS su, sum(h) AS sh,
               if(countIf(ledger = 1) > 0, minIf(f, ledger = 1), min(f)), if(countIf(ledger = 1) > 0, maxIf(l, ledger = 1), max(l))
        FROM
        (
            SELECT resource_id, cityHash64(service, usage_type, customer, cluster, index_name, line_item_type) AS line_key,
                   service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type,
                   billing_period, toDate(hour) AS day, pricing_unit AS unit, toUInt8(commitment_arn != '') AS hc,
                   toDecimal128(cost, 6) AS c, toDecimal128(amortized_cost, 6) AS a, toDecimal128(net_amortized_cost, 6) AS na,
                   usage_amount AS u, if(lower(pricing_unit) IN ('hrs', 'hr', 'hours', 'hour'), usage_amount, 0) AS h,
                   hour AS f, hour AS l, toUInt8(1) AS ledger
            FROM cost_hourly
            WHERE toDate(hour) >= toDate({"{min:DateTime('UTC')}"}) AND toDate(hour) <= toDate({"{max:DateTime('UTC')}"})
            UNION ALL
            SELECT {Keys}, pricing_unit, has_commitment, -toDecimal128(cost, 6), -toDecimal128(amortized_cost, 6),
                   -toDecimal128(net_amortized_cost, 6), -usage_amount, -running_hours, first_billed_hour, last_billed_hour, toUInt8(0)
            FROM {Table}
            WHERE day >= toDate({"{min:DateTime('UTC')}"}) AND day <= toDate({"{max:DateTime('UTC')}"})
        )
        GROUP BY {Keys}
        HAVING sc != 0 OR sa != 0 OR sna != 0 OR abs(su) > 1e-9 OR abs(sh) > 1e-9
        """;

    public static Task ReconcileAsync(IClickHouse ch, DateTime minHour, DateTime maxHour, CancellationToken ct = default) =>
        ch.ExecuteAsync(ReconcileSql, new QueryParams { ["min"] = minHour, ["max"] = maxHour }, ct);
}
