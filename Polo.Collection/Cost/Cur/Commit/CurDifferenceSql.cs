using static Polo.Collection.Cost.Cur.Commit.CurLedgerSql;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>
/// The SQL of a restatement: the new bill of one (export, billing period) minus everything the ledger holds for it
/// (rows of this export, and rows written before exports were recorded), per full row identity.
/// <para>
/// The period's files are read once, into a work table of the commit (<see cref="StageNewLines"/>: the lines as they
/// would be written); every later step reads that table. Three steps keep it fast. <see cref="ChangedDays"/> finds
/// the days whose net content differs, from a linear fingerprint per day: Σ hash(identity) × amount over the new lines
/// and the negated held rows is 0 for every measure exactly when nothing moved (up to a 64-bit hash collision), and it
/// needs no grouping by identity, so held reversal rows count as they are. <see cref="ChangedKeys"/> then finds, in
/// those days, the (hour, identity hash) pairs whose sums differ, grouping by two fixed-size keys instead of the
/// identity's strings and map (the grouping by full identity of a whole period was the restatement's cost).
/// <see cref="Difference"/> finally groups by full identity only the rows of those pairs, with amounts summed as whole
/// millionths (the ledger's Decimal(18, 6)), so the rows it appends are exact whatever the hash: a collision can only
/// add rows to the last step, whose own filter drops what did not move.
/// </para>
/// </summary>
internal static class CurDifferenceSql
{
    /// <summary>Work tables of restatement commits (dropped after each commit; a crashed run's are dropped by the next).</summary>
    public const string WorkPrefix = "cur_work_";

    private static readonly string[] Measures = ["cost", "usage_amount", .. NullableMeasures];

    /// <summary>
    /// The engine's automatic PREWHERE over <c>file()</c> drops projection columns here ("Not found column … in block"
    /// from the Parquet reader), so it is turned off for these reads.
    /// </summary>
    private const string NoPrewhere = "optimize_move_to_prewhere = 0";

    private static string Identity => $"{KeyList}, cur_export";

    private static string IdentityHash => $"reinterpretAsInt64(cityHash64({Identity}))";

    /// <summary>A measure as whole millionths (Int64); NULL counts as 0, as in the difference's own filter.</summary>
    private static string Micros(string m) => m switch
    {
        "usage_amount" => "toInt64(round(usage_amount * 1000000))",
        "cost" => "reinterpretAsInt64(CAST(cost AS Decimal(18, 6)))",
        _ => $"reinterpretAsInt64(CAST(ifNull({m}, 0) AS Decimal(18, 6)))",
    };

    /// <summary>Reads the period's files once into <paramref name="work"/>: the new lines as they would be written.</summary>
    public static string StageNewLines(string work, string newLines, bool inventory, string readSettings) => $"""
        CREATE TABLE {work} ENGINE = MergeTree ORDER BY tuple() AS
        {NewLines(newLines, inventory)}
        SETTINGS join_use_nulls = 0, {NoPrewhere}, {readSettings}, {ParallelInsert}
        """;

    /// <summary>New lines (from the work table) UNION ALL the held rows negated, optionally limited to some days.</summary>
    private static string Both(string work, string? dayFilter) => $"""
        SELECT * FROM
        (
            SELECT * FROM {work}
            UNION ALL
            SELECT {HeldKeys}, toString(h.cur_export) AS cur_export,
                   -h.cost AS cost, -h.usage_amount AS usage_amount,
                   {string.Join(", ", NullableMeasures.Select(m => $"-h.{m} AS {m}"))}
            FROM cost_hourly AS h
            WHERE h.source = '{Source}' AND h.billing_period = {"{period:Date}"} AND h.cur_export IN ({"{export:String}"}, '')
        )
        {(dayFilter is null ? "" : $"WHERE toDate(hour) IN ({dayFilter})")}
        """;

    private static string DayList(IReadOnlyCollection<DateOnly> days) => string.Join(", ", days.Select(d => $"'{d:yyyy-MM-dd}'"));

    /// <summary>The days of the period (yyyy-MM-dd) whose new lines differ from what the ledger holds net.</summary>
    public static string ChangedDays(string work) => $"""
        SELECT toString(day) AS day
        FROM
        (
            SELECT toDate(hour) AS day, {IdentityHash} AS kh, {string.Join(", ", Measures)}
            FROM ({Both(work, null)})
        )
        GROUP BY day
        HAVING {string.Join("\n    OR ", Measures.Select(m => $"sum(kh * {Micros(m)}) != 0"))}
        ORDER BY day
        """;

    /// <summary>The selection of <see cref="Difference"/> (a line moved when any of its sums is not 0).</summary>
    private static string Moved(string cost, string usage, string usageScale, Func<string, string> nullable) =>
        $"{cost} != 0 OR abs({usage}) > 1e-9 * greatest(1.0, {usageScale})" +
        string.Concat(NullableMeasures.Select(m => $" OR {nullable(m)} != 0"));

    /// <summary>
    /// Stores in <paramref name="keys"/> the (hour, identity hash) pairs of the given days whose content moved. The
    /// decimal measures are tested through one linear fingerprint per pair, Σ cᵢ × millionthsᵢ with odd constants cᵢ
    /// (wrapping Int64): it is 0 when every sum is 0, and a single moved measure always makes it non-zero (an odd
    /// constant is invertible modulo 2⁶⁴); usage keeps the exact test of <see cref="Difference"/>. Three aggregates
    /// per pair instead of one per measure keep the grouping small.
    /// </summary>
    public static string ChangedKeys(string work, string keys, IReadOnlyCollection<DateOnly> days)
    {
        var decimals = Measures.Where(m => m != "usage_amount").ToList();
        var fingerprint = string.Join(" + ", decimals.Select((m, i) => $"{FingerprintConstant(i)} * {Micros(m)}"));
        return $"""
            CREATE TABLE {keys} ENGINE = MergeTree ORDER BY tuple() AS
            SELECT hour, kh
            FROM
            (
                SELECT hour, {IdentityHash} AS kh, {fingerprint} AS f, usage_amount
                FROM ({Both(work, DayList(days))})
            )
            GROUP BY hour, kh
            HAVING sum(f) != 0 OR abs(sum(usage_amount)) > 1e-9 * greatest(1.0, max(abs(usage_amount)))
            """;
    }

    /// <summary>The i-th odd constant of the fingerprint (splitmix64 of i, low bit set), as an Int64 literal.</summary>
    private static string FingerprintConstant(int i)
    {
        var z = unchecked((ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return $"toInt64({unchecked((long)(z | 1)).ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }

    /// <summary>
    /// Appends the non-zero differences of the pairs in <paramref name="keys"/>: keys that vanished from the bill are
    /// reversed, cost that moved between resources or tags moves exactly, re-applying writes nothing.
    /// </summary>
    public static string Difference(string work, string keys, IReadOnlyCollection<DateOnly> days)
    {
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
                FROM ({{Both(work, DayList(days))}})
                WHERE (hour, {{IdentityHash}}) IN (SELECT hour, kh FROM {{keys}})
                GROUP BY {{Identity}}
            )
            WHERE {{Moved("d_cost", "d_usage", "u_scale", m => "d_" + m)}}
            SETTINGS max_bytes_before_external_group_by = 1000000000, {{NoInsertMerge}}
            """;
    }
}
