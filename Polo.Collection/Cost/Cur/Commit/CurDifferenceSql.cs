using static Polo.Collection.Cost.Cur.Commit.CurLedgerSql;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>
/// The SQL of a restatement: the new bill of one (export, billing period) minus everything the ledger holds for it
/// (rows of this export, and rows written before exports were recorded), per full row identity.
/// <para>
/// Two steps keep it fast. <see cref="ChangedDays"/> finds the days whose net content differs, from a linear
/// fingerprint per day: Σ hash(identity) × amount over the new lines and the negated held rows is 0 for every measure
/// exactly when nothing moved (up to a 64-bit hash collision), and it needs no grouping by identity, so held reversal
/// rows count as they are. <see cref="Difference"/> then groups only those days by identity, with amounts summed as
/// whole millionths (the ledger's Decimal(18, 6)) instead of nullable decimals.
/// </para>
/// </summary>
internal static class CurDifferenceSql
{
    private static readonly string[] Measures = ["cost", "usage_amount", .. NullableMeasures];

    /// <summary>
    /// The engine's automatic PREWHERE over <c>file()</c> drops projection columns here ("Not found column … in block"
    /// from the Parquet reader), so it is turned off for these reads.
    /// </summary>
    private const string NoPrewhere = "optimize_move_to_prewhere = 0";

    private static string Identity => $"{KeyList}, cur_export";

    /// <summary>A measure as whole millionths (Int64); NULL counts as 0, as in the difference's own filter.</summary>
    private static string Micros(string m) => m switch
    {
        "usage_amount" => "toInt64(round(usage_amount * 1000000))",
        "cost" => "reinterpretAsInt64(CAST(cost AS Decimal(18, 6)))",
        _ => $"reinterpretAsInt64(CAST(ifNull({m}, 0) AS Decimal(18, 6)))",
    };

    /// <summary>New lines (as they would be written) UNION ALL the held rows negated, optionally limited to some days.</summary>
    private static string Both(string newLines, string? dayFilter) => $"""
        SELECT * FROM
        (
            {NewLines(newLines)}
            UNION ALL
            SELECT {HeldKeys}, toString(h.cur_export) AS cur_export,
                   -h.cost AS cost, -h.usage_amount AS usage_amount,
                   {string.Join(", ", NullableMeasures.Select(m => $"-h.{m} AS {m}"))}
            FROM cost_hourly AS h
            WHERE h.source = '{Source}' AND h.billing_period = {"{period:Date}"} AND h.cur_export IN ({"{export:String}"}, '')
        )
        {(dayFilter is null ? "" : $"WHERE toDate(hour) IN ({dayFilter})")}
        """;

    /// <summary>The days of the period (yyyy-MM-dd) whose new lines differ from what the ledger holds net.</summary>
    public static string ChangedDays(string newLines, string readSettings) => $"""
        SELECT toString(day) AS day
        FROM
        (
            SELECT toDate(hour) AS day, reinterpretAsInt64(cityHash64({Identity})) AS kh, {string.Join(", ", Measures)}
            FROM ({Both(newLines, null)})
        )
        GROUP BY day
        HAVING {string.Join("\n    OR ", Measures.Select(m => $"sum(kh * {Micros(m)}) != 0"))}
        ORDER BY day
        SETTINGS join_use_nulls = 0, {NoPrewhere}, {readSettings}
        """;

    /// <summary>
    /// Appends the non-zero differences of the given days (all days when <paramref name="days"/> is null): keys that
    /// vanished from the bill are reversed, cost that moved between resources or tags moves exactly, re-applying
    /// writes nothing. The grouping spills to disk beyond 1 GB.
    /// </summary>
    public static string Difference(string newLines, IReadOnlyCollection<DateOnly>? days, string readSettings)
    {
        var dayFilter = days is null ? null : string.Join(", ", days.Select(d => $"'{d:yyyy-MM-dd}'"));
        var nullable = NullableMeasures.Select((m, i) => (m, bit: 1L << i)).ToList();
        return $$"""
            INSERT INTO cost_hourly ({{InsertColumns}}, {{MeasureInsertColumns}}, source, cur_export, ingest_batch)
            SELECT {{KeyList}}, reinterpret(d_cost, 'Decimal(18, 6)'), d_usage,
                   {{string.Join(", ", nullable.Select(x =>
                       $"if(bitAnd(present, {x.bit}) != 0, reinterpret(d_{x.m}, 'Decimal(18, 6)'), NULL)"))}},
                   '{{Source}}', cur_export, {batch:String}
            FROM
            (
                SELECT {{Identity}},
                       sum({{Micros("cost")}}) AS d_cost,
                       sum(usage_amount) AS d_usage,
                       max(abs(usage_amount)) AS u_scale,
                       groupBitOr(toUInt64({{string.Join(" + ", nullable.Select(x => $"({x.m} IS NOT NULL) * {x.bit}"))}})) AS present,
                       {{string.Join(",\n                   ", nullable.Select(x => $"sum({Micros(x.m)}) AS d_{x.m}"))}}
                FROM ({{Both(newLines, dayFilter)}})
                GROUP BY {{Identity}}
            )
            WHERE d_cost != 0 OR abs(d_usage) > 1e-9 * greatest(1.0, u_scale)
               {{string.Concat(nullable.Select(x => $" OR d_{x.m} != 0"))}}
            SETTINGS join_use_nulls = 0, max_bytes_before_external_group_by = 1000000000, {{NoPrewhere}}, {{readSettings}}
            """;
    }
}
