using Polo.Collection.Cost.Cur.Reading;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>The ledger SQL of whole-period restatements (cost_hourly identity and measures per migration 020).</summary>
internal static class CurLedgerSql
{
    public const string Source = "cur";

    internal static readonly string[] Keys = CurProjection.KeyColumns;
    internal static readonly string[] NullableMeasures = CurColumnNames.Measures.Select(m => m.Ledger).ToArray();

    internal static string KeyList => string.Join(", ", Keys);

    /// <summary>The ledger's own columns, cast to the plain types the projection yields (for UNION ALL).</summary>
    internal static string HeldKeys => string.Join(", ", Keys.Select(k => k switch
    {
        "hour" or "billing_period" or "billed_tags" or "resource_id" or "cluster" or "index_name" => $"h.{k} AS {k}",
        _ => $"toString(h.{k}) AS {k}",
    }));

    internal const string InsertColumns =
        "hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name, " +
        "line_item_type, pricing_unit, currency, commitment_arn, billing_period, billed_tags, cost, usage_amount";

    internal static string MeasureInsertColumns => string.Join(", ", NullableMeasures);

    /// <summary>
    /// The period's new lines, identity filled from resource_snapshots where the bill carries none. Without
    /// <paramref name="inventory"/> (no snapshot holds a resource type or hierarchy identity, see
    /// <see cref="InventoryHoldsIdentity"/>) the join could fill nothing, so the lines are taken as they are: the same
    /// rows, without probing the snapshots once per line.
    /// </summary>
    internal static string NewLines(string newLines, bool inventory) => inventory ? $"""
        SELECT assumeNotNull(n.hour) AS hour, n.account_id AS account_id, n.region AS region, n.service AS service,
               n.usage_type AS usage_type, n.resource_id AS resource_id,
               if(n.resource_type != '', n.resource_type, s.resource_type) AS resource_type,
               if(n.customer = '' AND n.cluster = '' AND n.index_name = '', s.customer, n.customer) AS customer,
               if(n.customer = '' AND n.cluster = '' AND n.index_name = '', s.cluster, n.cluster) AS cluster,
               if(n.customer = '' AND n.cluster = '' AND n.index_name = '', s.index_name, n.index_name) AS index_name,
               {LineTail("n")}
        FROM ({newLines}) AS n
        LEFT JOIN
        (
            SELECT resource_id,
                   toString(argMax(resource_type, observed_at)) AS resource_type,
                   toString(argMax(customer, observed_at)) AS customer,
                   argMax(cluster, observed_at) AS cluster,
                   argMax(index_name, observed_at) AS index_name
            FROM resource_snapshots FINAL
            GROUP BY resource_id
        ) AS s ON s.resource_id = n.resource_id
        """ : $"""
        SELECT assumeNotNull(n.hour) AS hour, n.account_id AS account_id, n.region AS region, n.service AS service,
               n.usage_type AS usage_type, n.resource_id AS resource_id, n.resource_type AS resource_type,
               n.customer AS customer, n.cluster AS cluster, n.index_name AS index_name,
               {LineTail("n")}
        FROM ({newLines}) AS n
        """;

    /// <summary>The columns of <see cref="NewLines"/> after the identity, as the bill carries them.</summary>
    private static string LineTail(string n) => $"""
        {n}.line_item_type AS line_item_type, {n}.pricing_unit AS pricing_unit, {n}.currency AS currency,
               {n}.commitment_arn AS commitment_arn, assumeNotNull({n}.billing_period) AS billing_period,
               {n}.billed_tags AS billed_tags, {"{export:String}"} AS cur_export,
               {n}.cost AS cost, {n}.usage_amount AS usage_amount,
               {string.Join(", ", NullableMeasures.Select(m => $"{n}.{m} AS {m}"))}
        """;

    /// <summary>
    /// True when some resource snapshot carries a resource type or a hierarchy identity, the only values the join of
    /// <see cref="NewLines"/> can fill a line with (a CUR-only estate has none).
    /// </summary>
    internal const string InventoryHoldsIdentity = """
        SELECT count() FROM
        (
            SELECT 1 FROM resource_snapshots
            WHERE resource_type != '' OR customer != '' OR cluster != '' OR index_name != ''
            LIMIT 1
        )
        """;

    /// <summary>
    /// The first commit of a period (the ledger holds nothing for it): the lines are appended as they are, without
    /// grouping (amounts are rounded per line, so a later difference over them is exact); all-zero lines are dropped.
    /// </summary>
    public static string FirstLoad(string newLines, bool inventory, string readSettings) => $$"""
        INSERT INTO cost_hourly ({{InsertColumns}}, {{MeasureInsertColumns}}, source, cur_export, ingest_batch)
        SELECT {{KeyList}}, CAST(cost AS Decimal(18, 6)), usage_amount,
               {{string.Join(", ", NullableMeasures.Select(m => $"CAST({m} AS Nullable(Decimal(18, 6)))"))}},
               '{{Source}}', cur_export, {batch:String}
        FROM ({{NewLines(newLines, inventory)}})
        WHERE cost != 0 OR usage_amount != 0 {{string.Concat(NullableMeasures.Select(m => $" OR ifNull({m}, 0) != 0"))}}
        SETTINGS join_use_nulls = 0, {{readSettings}}, {{ParallelInsert}}
        """;

    /// <summary>
    /// The write of a first load runs on every core: the ledger's sort and the rollup view otherwise run on one
    /// thread behind a parallel read (an INSERT into a table with views writes in one stream unless views run in
    /// parallel too). The views' targets are not merged at insert (<c>optimize_on_insert = 0</c>): each view already
    /// groups its block by the target's whole sorting key, so that merge found nothing to collapse and cost ~15 % of
    /// a first load.
    /// </summary>
    internal static string ParallelInsert =>
        $"max_insert_threads = {Math.Max(1, Environment.ProcessorCount)}, parallel_view_processing = 1, {NoInsertMerge}";

    /// <summary>See <see cref="ParallelInsert"/>; also for the appends of a restatement.</summary>
    internal const string NoInsertMerge = "optimize_on_insert = 0";

    /// <summary>One file's lines of one billing period; a line that no longer validates stops the commit.</summary>
    public static string PeriodLines(string projection, string fileName) => $"""
        SELECT * FROM ({projection})
        WHERE billing_period = {"{period:Date}"}
          AND throwIf(err != '', 'CUR file {fileName.Replace("'", "").Replace("\\", "")} changed while it was being read; it no longer validates') = 0
        """;

    /// <summary>Appends the negation of what a batch holds net (its rows plus any earlier partial reversal).</summary>
    public static readonly string ReverseBatch = $$"""
        INSERT INTO cost_hourly ({{InsertColumns}}, {{MeasureInsertColumns}}, source, cur_export, ingest_batch)
        SELECT {{KeyList}}, -sum(cost) AS c, -sum(usage_amount) AS u,
               {{string.Join(", ", NullableMeasures.Select(m => $"-sum({m})"))}}, source, cur_export, ingest_batch
        FROM cost_hourly
        WHERE ingest_batch = {batch:String} AND hour >= {min:DateTime('UTC')} AND hour <= {max:DateTime('UTC')}
        GROUP BY {{KeyList}}, source, cur_export, ingest_batch
        HAVING c != 0 OR abs(u) > 1e-9 * greatest(1.0, max(abs(usage_amount)))
           {{string.Concat(NullableMeasures.Select(m => $" OR ifNull(sum({m}), 0) != 0"))}}
        """;

    private const string RollupKeys =
        "day, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name, " +
        "line_item_type, pricing_unit, currency, commitment_arn, billing_period";

    /// <summary>Makes cost_rollup_daily equal the ledger over the days of [min, max] by appending the difference.</summary>
    public static readonly string ReconcileRollup = $"""
        INSERT INTO cost_rollup_daily ({RollupKeys}, cost, amortized_cost, net_amortized_cost, usage_amount, net_unblended_cost, public_on_demand_cost)
        SELECT {RollupKeys}, sum(c) AS sc, sum(a) AS sa, sum(na) AS sna, sum(u) AS su, sum(nu) AS snu, sum(pod) AS spod
        FROM
        (
            SELECT toDate(hour) AS day, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster,
                   index_name, line_item_type, pricing_unit, currency, commitment_arn, billing_period,
                   toDecimal128(cost, 6) AS c, toDecimal128(amortized_cost, 6) AS a, toDecimal128(net_amortized_cost, 6) AS na,
                   usage_amount AS u, toDecimal128(net_unblended_cost, 6) AS nu, toDecimal128(public_on_demand_cost, 6) AS pod
            FROM cost_hourly
            WHERE toDate(hour) >= toDate({"{min:DateTime('UTC')}"}) AND toDate(hour) <= toDate({"{max:DateTime('UTC')}"})
            UNION ALL
            SELECT {RollupKeys}, -toDecimal128(cost, 6), -toDecimal128(amortized_cost, 6), -toDecimal128(net_amortized_cost, 6),
                   -usage_amount, -toDecimal128(net_unblended_cost, 6), -toDecimal128(public_on_demand_cost, 6)
            FROM cost_rollup_daily
            WHERE day >= toDate({"{min:DateTime('UTC')}"}) AND day <= toDate({"{max:DateTime('UTC')}"})
        )
        GROUP BY {RollupKeys}
        HAVING sc != 0 OR sa != 0 OR sna != 0 OR abs(su) > 1e-9 OR ifNull(snu, 0) != 0 OR ifNull(spod, 0) != 0
        """;
}
