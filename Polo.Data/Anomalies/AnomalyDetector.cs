using System.Globalization;
using Polo.Data.Analysis;

namespace Polo.Data.Anomalies;

/// <summary>
/// Rolling z-score per series, in one SQL statement over cost_rollup_daily: every dimension's daily cost as a dense
/// series (days without cost are 0), the mean and population standard deviation over the window's frame (the
/// <see cref="AnomalySettings.WindowDays"/> rows before the day in its partition: the series and, when seasonal, the day's
/// kind), then floors, minimum impact and thresholds. Feedback and suppression are applied from anomaly_feedback.
/// </summary>
public sealed class AnomalyDetector(IClickHouse ch)
{
    private sealed record Row(string Dimension, string SeriesKey, string Label, DateOnly Day, decimal Cost, decimal Mean, double Sd, double Z);

    private sealed record FeedbackRow(string AnomalyId, string Dimension, string SeriesKey, DateOnly Day, string Verdict, string Note, string ChangedBy, DateTime Version);

    /// <summary>Anomalies on the days <paramref name="from"/>–<paramref name="to"/> (inclusive), biggest |z| first.</summary>
    public async Task<IReadOnlyList<Anomaly>> DetectAsync(DateOnly from, DateOnly to, AnomalySettings? settings = null, CancellationToken ct = default)
    {
        var s = settings ?? new AnomalySettings();
        s.Validate();
        if (to < from) throw new ArgumentException($"The range starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd}).");
        var historyStart = from.AddDays(-(s.Seasonal ? 7 * s.WindowDays : s.WindowDays) - 1);
        var p = new QueryParams
        {
            ["hs"] = historyStart, ["from"] = from, ["to"] = to, ["n"] = to.DayNumber - historyStart.DayNumber + 1,
            ["floor"] = s.StdFloor, ["floor_f"] = s.StdFloorFraction, ["min_impact"] = s.MinImpact, ["z"] = s.MediumZ,
        };
        var kind = s.Seasonal ? "toDayOfWeek(day) >= 6" : "0";
        var window = s.WindowDays.ToString(CultureInfo.InvariantCulture); // a validated int, never input text
        var sql = $"""
            WITH daily AS
            (
                SELECT d.1 AS dimension, d.2 AS series_key, any(d.3) AS label, day, sum(c) AS cost
                FROM
                (
                    SELECT day, {s.CostType.Column()} AS c,
                           [('total', 'total', 'Total'),
                            ('account', account_id, dictGetOrDefault('account_dict', 'account_name', tuple(account_id), account_id)),
                            ('service', toString(service), toString(service)),
                            ('customer', toString(customer), toString(customer)),
                            ('cluster', if(cluster = '', '', concat(customer, '/', cluster)), concat(customer, '/', cluster)),
                            ('usage_type', toString(usage_type), toString(usage_type))] AS dims
                    FROM cost_rollup_daily
                    WHERE day >= {"{hs:Date}"} AND day <= {"{to:Date}"}
                )
                ARRAY JOIN dims AS d
                WHERE d.2 != ''
                GROUP BY dimension, series_key, day
            ),
            series AS (SELECT dimension, series_key, any(label) AS label FROM daily GROUP BY dimension, series_key),
            dense AS
            (
                SELECT s.dimension AS dimension, s.series_key AS series_key, s.label AS label, g.day AS day, d.cost AS cost
                FROM series AS s
                CROSS JOIN (SELECT {"{hs:Date}"} + number AS day FROM numbers({"{n:UInt32}"})) AS g
                LEFT JOIN daily AS d ON d.dimension = s.dimension AND d.series_key = s.series_key AND d.day = g.day
            ),
            scored AS
            (
                SELECT dimension, series_key, label, day, cost,
                       avg(cost) OVER w AS mean_raw, stddevPop(toFloat64(cost)) OVER w AS sd_raw, count() OVER w AS n_raw
                FROM dense
                WINDOW w AS (PARTITION BY dimension, series_key, {kind} ORDER BY day ROWS BETWEEN {window} PRECEDING AND 1 PRECEDING)
            )
            SELECT dimension, series_key, label, day, toDecimal64(cost, 6) AS cost, toDecimal64(mean_raw, 6) AS mean,
                   greatest(sd_raw, toFloat64({"{floor:Decimal(18,2)}"}), toFloat64({"{floor_f:Decimal(9,4)}"}) * abs(mean_raw)) AS sd,
                   (toFloat64(cost) - mean_raw) / sd AS z
            FROM scored
            WHERE day >= {"{from:Date}"} AND day <= {"{to:Date}"} AND n_raw = {window}
              AND abs(toFloat64(cost) - mean_raw) >= toFloat64({"{min_impact:Decimal(18,2)}"}) AND abs(z) > {"{z:Float64}"}
            ORDER BY abs(z) DESC, dimension, series_key, day
            """;
        var rows = await ch.QueryAsync<Row>(sql, p, ct).ConfigureAwait(false);
        var feedback = await FeedbackAsync(ct).ConfigureAwait(false);
        var anomalies = rows.Select(r =>
        {
            var id = Anomaly.IdOf(r.Dimension, r.SeriesKey, r.Day);
            return new Anomaly(id, r.Dimension, r.SeriesKey, r.Label, r.Day, Math.Round(r.Cost, 2), Math.Round(r.Mean, 2),
                Math.Round((decimal)r.Sd, 2), Math.Round(r.Z, 2), s.SeverityOf(r.Z)!.Value, BaselineDays(r.Day, s),
                feedback.TryGetValue(id, out var f) ? ToFeedback(f) : null);
        }).ToList();
        return Suppress(anomalies, feedback.Values.Where(f => f.Verdict != "cleared").ToList());
    }

    /// <summary>The days the detector's expected cost for <paramref name="day"/> is the mean of: the window's days before
    /// it, of the same kind (weekday or weekend) when seasonal. Oldest first.</summary>
    public static IReadOnlyList<DateOnly> BaselineDays(DateOnly day, AnomalySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var days = new List<DateOnly>();
        for (var d = day.AddDays(-1); days.Count < settings.WindowDays; d = d.AddDays(-1))
            if (!settings.Seasonal || Weekend(d) == Weekend(day)) days.Add(d);
        days.Reverse();
        return days;
    }

    /// <summary>An anomaly without feedback of its own is a repeat of one with feedback when it is in the same series,
    /// moves the same way and comes at most <see cref="AnomalySettings.SuppressDays"/> days later.</summary>
    private static List<Anomaly> Suppress(List<Anomaly> anomalies, List<FeedbackRow> given)
    {
        var bySeries = given.ToLookup(f => (f.Dimension, f.SeriesKey));
        var direction = anomalies.ToDictionary(a => a.Id, a => Math.Sign(a.Z));
        return anomalies.Select(a =>
        {
            if (a.Feedback is not null) return a;
            var by = bySeries[(a.Dimension, a.Key)]
                .Where(f => f.Day < a.Day && a.Day.DayNumber - f.Day.DayNumber <= AnomalySettings.SuppressDays
                            && (!direction.TryGetValue(f.AnomalyId, out var dir) || dir == Math.Sign(a.Z)))
                .OrderByDescending(f => f.Day).FirstOrDefault();
            return by is null ? a : a with { SuppressedBy = by.AnomalyId };
        }).ToList();
    }

    private async Task<Dictionary<string, FeedbackRow>> FeedbackAsync(CancellationToken ct)
    {
        var rows = await ch.QueryAsync<FeedbackRow>("""
            SELECT anomaly_id, dimension, series_key, day, verdict, note, changed_by, version
            FROM anomaly_feedback ORDER BY anomaly_id, version DESC LIMIT 1 BY anomaly_id
            """, ct: ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.AnomalyId);
    }

    private static AnomalyFeedback ToFeedback(FeedbackRow r) => new(AnomalyFeedbackStore.ParseVerdict(r.Verdict), r.Note, r.ChangedBy, r.Version);
}
