using Polo.Data.Analysis.Decomposition;
using Polo.Data.Analysis.Sql;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Costs;

/// <summary>Cost read side: whole-day ranges read the daily rollup, others the hourly ledger (always sum() … GROUP BY);
/// the summed column is the cost type's (<see cref="CostTypes.Column"/>).</summary>
public sealed class CostQueries(IClickHouse ch, IDeltaDecomposer decomposer) : ICostQueries
{
    public const string Other = "other";

    public CostQueries(IClickHouse ch) : this(ch, new DeltaDecomposer(ch)) { }

    private sealed record ExtentRow(DateTime? FirstHour, DateTime? LastHour, long CostRows, long Events);

    public async Task<DataExtent> ExtentAsync(CancellationToken ct = default)
    {
        var rows = await ch.QueryAsync<ExtentRow>("""
            SELECT if(count() = 0, NULL, min(hour)) AS first_hour, if(count() = 0, NULL, max(hour)) AS last_hour,
                   count() AS cost_rows,
                   (SELECT count() FROM resource_events) AS events
            FROM cost_hourly
            """, ct: ct).ConfigureAwait(false);
        var r = rows.Single();
        return new DataExtent(r.FirstHour, r.LastHour, r.CostRows, r.Events);
    }

    public async Task<decimal> TotalAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        var p = new QueryParams();
        var src = CostSource.For(range);
        var sql = $"SELECT sum({costType.Column()}) FROM {src.Table} WHERE {src.Between(range, p, "r")}{CostFilterSql.Conditions(filter, p)}";
        return await ch.ScalarAsync<decimal>(sql, p, ct).ConfigureAwait(false);
    }

    private sealed record BucketRow(DateTime Bucket, decimal Cost);

    public async Task<IReadOnlyList<CostPoint>> DailyAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        var p = new QueryParams();
        var src = CostSource.For(range);
        var bucket = src.Daily ? "toDateTime(day, 'UTC')" : "toStartOfDay(hour)";
        var rows = await ch.QueryAsync<BucketRow>($"""
            SELECT {bucket} AS bucket, sum({costType.Column()}) AS cost FROM {src.Table}
            WHERE {src.Between(range, p, "r")}{CostFilterSql.Conditions(filter, p)}
            GROUP BY bucket ORDER BY bucket
            """, p, ct).ConfigureAwait(false);
        return Buckets.Fill(Buckets.Days(range), rows.ToDictionary(r => r.Bucket, r => r.Cost));
    }

    public async Task<IReadOnlyList<CostPoint>> HourlyAsync(TimeRange range, CostFilter? filter = null, CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        var p = new QueryParams();
        var rows = await ch.QueryAsync<BucketRow>($"""
            SELECT hour AS bucket, sum({costType.Column()}) AS cost FROM cost_hourly
            WHERE {CostSource.Hourly.Between(range, p, "r")}{CostFilterSql.Conditions(filter, p)}
            GROUP BY bucket ORDER BY bucket
            """, p, ct).ConfigureAwait(false);
        return Buckets.Fill(Buckets.Hours(range), rows.ToDictionary(r => r.Bucket, r => r.Cost));
    }

    private sealed record SeriesRow(string Key, string Label, DateTime Bucket, decimal Cost);

    public async Task<IReadOnlyList<CostSeries>> DailyByAsync(TimeRange range, Grouping by, int top = 8, CostFilter? filter = null,
        CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "top must be at least 1");
        var p = new QueryParams { ["top"] = top };
        var src = CostSource.For(range);
        var (key, label) = GroupingSql.For(by);
        var bucket = src.Daily ? "toDateTime(day, 'UTC')" : "toStartOfDay(hour)";
        var where = $"{src.Between(range, p, "r")}{CostFilterSql.Conditions(filter, p)}";
        var rows = await ch.QueryAsync<SeriesRow>($"""
            WITH top_keys AS
            (
                SELECT {key} AS k FROM {src.Table} WHERE {where}
                GROUP BY k ORDER BY sum({costType.Column()}) DESC, k LIMIT {"{top:UInt32}"}
            )
            SELECT if(g IN top_keys, g, '{Other}') AS key, if(g IN top_keys, any(l), 'other') AS label, bucket, sum(amount) AS cost
            FROM
            (
                SELECT {key} AS g, {label} AS l, {bucket} AS bucket, {costType.Column()} AS amount FROM {src.Table} WHERE {where}
            )
            GROUP BY key, bucket, g
            """, p, ct).ConfigureAwait(false);

        var days = Buckets.Days(range);
        return rows.GroupBy(r => r.Key)
            .Select(g => new
            {
                g.Key,
                Label = g.First().Label,
                Total = g.Sum(r => r.Cost),
                Points = Buckets.Fill(days, g.GroupBy(r => r.Bucket).ToDictionary(b => b.Key, b => b.Sum(r => r.Cost))),
            })
            .OrderBy(s => s.Key == Other ? 1 : 0).ThenByDescending(s => s.Total).ThenBy(s => s.Key)
            .Select(s => new CostSeries(s.Key, s.Label, s.Points))
            .ToList();
    }

    private sealed record GroupRow(string Key, string Label, decimal CurrentCost, decimal PreviousCost);

    public async Task<IReadOnlyList<GroupCost>> BreakdownAsync(TimeRange range, Grouping by, CostFilter? filter = null,
        CostType costType = CostType.Amortized, CancellationToken ct = default)
    {
        var previous = range.Previous();
        var p = new QueryParams();
        var src = CostSource.For(range, previous);
        var (key, label) = GroupingSql.For(by);
        var current = src.Between(range, p, "r");
        var before = src.Between(previous, p, "p");
        var rows = await ch.QueryAsync<GroupRow>($"""
            SELECT {key} AS key, any({label}) AS label, sumIf({costType.Column()}, {current}) AS current_cost, sumIf({costType.Column()}, {before}) AS previous_cost
            FROM {src.Table}
            WHERE ({current} OR {before}){CostFilterSql.Conditions(filter, p)}
            GROUP BY key
            ORDER BY current_cost DESC, previous_cost DESC, key
            """, p, ct).ConfigureAwait(false);
        return rows.Select(r => new GroupCost(r.Key, r.Label, r.CurrentCost, r.PreviousCost)).ToList();
    }

    /// <summary>Headline figures; unexplained comes from decomposing the range against the previous one.
    /// Top movers: the five groups of <paramref name="moversBy"/> (customers by default) whose cost moved most.</summary>
    public async Task<Kpis> KpisAsync(TimeRange range, CostType costType = CostType.Amortized, Grouping? moversBy = null,
        CancellationToken ct = default)
    {
        moversBy ??= Grouping.Customer;
        var breakdownTask = BreakdownAsync(range, moversBy, null, costType, ct);
        var decomposition = await decomposer.DecomposeAsync(range.Previous(), range, moversBy, null, costType, ct)
            .ConfigureAwait(false);
        var breakdown = await breakdownTask.ConfigureAwait(false);
        var movers = breakdown.Where(g => g.Delta != 0).OrderByDescending(g => Math.Abs(g.Delta)).ThenBy(g => g.Key).Take(5).ToList();
        return new Kpis(range, breakdown.Sum(g => g.Cost), breakdown.Sum(g => g.PreviousCost), decomposition.Unexplained, movers)
        {
            MoversBy = moversBy,
        };
    }

    private sealed record StructureRow(long Tagged, long Accounts);

    public async Task<Grouping> StructureAsync(TimeRange range, CancellationToken ct = default)
    {
        var p = new QueryParams();
        var src = CostSource.For(range);
        var row = (await ch.QueryAsync<StructureRow>($"""
            SELECT countIf(customer != '') AS tagged, uniqExact(account_id) AS accounts
            FROM {src.Table} WHERE {src.Between(range, p, "r")}
            """, p, ct).ConfigureAwait(false)).Single();
        return row.Tagged > 0 ? Grouping.Customer : row.Accounts > 1 ? Grouping.Account : Grouping.Service;
    }
}
