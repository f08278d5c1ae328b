namespace Polo.Data.Analysis.Sql;

/// <summary>
/// Picks the cost table for a range: the daily rollup when the range is whole UTC days, the hourly ledger otherwise
/// (the decomposition reads <see cref="ResourceDaily"/> instead of the rollup).
/// <see cref="Table"/>, <see cref="TimeColumn"/> are fixed strings, never input.
/// </summary>
internal sealed record CostSource(string Table, string TimeColumn, bool Daily)
{
    public static readonly CostSource Rollup = new("cost_rollup_daily", "day", true);
    public static readonly CostSource Hourly = new("cost_hourly", "hour", false);

    /// <summary>Per-resource daily facts (migration 080): the rollup's days, ordered by resource, with running hours and
    /// first/last billed hour; read by the decomposition.</summary>
    public static readonly CostSource ResourceDaily = new("cost_resource_daily", "day", true);

    public static bool IsWholeDays(TimeRange r) => r.Start.TimeOfDay == TimeSpan.Zero && r.End.TimeOfDay == TimeSpan.Zero;

    public static CostSource For(TimeRange range) => IsWholeDays(range) ? Rollup : Hourly;

    public static CostSource For(TimeRange a, TimeRange b) => IsWholeDays(a) && IsWholeDays(b) ? Rollup : Hourly;

    public static CostSource For(DeltaBaseline a, TimeRange b) => a.Ranges.All(IsWholeDays) && IsWholeDays(b) ? Rollup : Hourly;

    /// <summary>The condition of every range of <paramref name="baseline"/> OR-ed (one range: exactly
    /// <see cref="Between(TimeRange, QueryParams, string)"/>); parameters <paramref name="name"/>_s / _e, then
    /// <paramref name="name"/>1_s / _e… for further ranges.</summary>
    public string Between(DeltaBaseline baseline, QueryParams p, string name) => baseline.IsContiguous
        ? Between(baseline.Ranges[0], p, name)
        : "(" + string.Join(" OR ", baseline.Ranges.Select((r, i) => Between(r, p, i == 0 ? name : $"{name}{i}"))) + ")";

    /// <summary>"time >= start AND time &lt; end" with parameters <paramref name="name"/>_s / _e.</summary>
    public string Between(TimeRange range, QueryParams p, string name)
    {
        if (Daily)
        {
            p[$"{name}_s"] = DateOnly.FromDateTime(range.Start);
            p[$"{name}_e"] = DateOnly.FromDateTime(range.End);
            return $"(day >= {{{name}_s:Date}} AND day < {{{name}_e:Date}})";
        }
        p[$"{name}_s"] = range.Start;
        p[$"{name}_e"] = range.End;
        return $"(hour >= {{{name}_s:DateTime}} AND hour < {{{name}_e:DateTime}})";
    }
}
