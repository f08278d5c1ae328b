using System.Globalization;

namespace Polo.Data.Analysis;

/// <summary>
/// What a decomposition compares against: one contiguous range (the usual "previous 30 days") or a set of days or day
/// ranges that need not touch (the anomaly detector's "the same weekday over the previous 4 weeks"). Ranges are kept
/// sorted, with overlapping or adjacent ones merged, so two baselines of the same hours are equal.
/// <para><b>Normalisation rule (scaled totals):</b> every baseline line's cost and usage is multiplied by
/// period length / <see cref="Length"/> (the sum of the ranges' lengths, gaps excluded), rounded to 6 decimals per
/// line, so a 4-day baseline against a 1-day period compares the baseline's daily average with the day; every part
/// is computed from those scaled amounts, so the parts still sum exactly to the delta. Lines billed once per billing
/// period (monthly fees, tax) are compared unscaled, as with a contiguous baseline.</para>
/// </summary>
public sealed class DeltaBaseline : IEquatable<DeltaBaseline>
{
    private DeltaBaseline(IReadOnlyList<TimeRange> ranges) => Ranges = ranges;

    /// <summary>The ranges, sorted, disjoint and never adjacent (adjacent ones are merged).</summary>
    public IReadOnlyList<TimeRange> Ranges { get; }

    /// <summary>Total length of the ranges (gaps between them excluded): the denominator of the scaling.</summary>
    public TimeSpan Length => new(Ranges.Sum(r => r.Length.Ticks));

    /// <summary>From the first range's start to the last range's end.</summary>
    public TimeRange Span => new(Ranges[0].Start, Ranges[^1].End);

    /// <summary>Whether the baseline is one range (then <see cref="Span"/> is that range).</summary>
    public bool IsContiguous => Ranges.Count == 1;

    /// <summary>A contiguous baseline.</summary>
    public static DeltaBaseline Of(TimeRange range) => Of([range]);

    /// <summary>A baseline of several ranges; overlapping or adjacent ranges are merged. Refuses an empty set.</summary>
    public static DeltaBaseline Of(IEnumerable<TimeRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        if (sorted.Count == 0) throw new ArgumentException("A baseline needs at least one range.", nameof(ranges));
        var merged = new List<TimeRange>();
        foreach (var r in sorted)
        {
            if (r.End <= r.Start) throw new ArgumentException($"Baseline range {r} is empty.", nameof(ranges));
            if (merged.Count > 0 && r.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = r.End > merged[^1].End ? r.End : merged[^1].End };
            else merged.Add(TimeRange.Create(r.Start, r.End));
        }
        return new DeltaBaseline(merged);
    }

    /// <summary>A baseline of whole UTC days (duplicates ignored; consecutive days become one range).</summary>
    public static DeltaBaseline Days(IEnumerable<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return Of(days.Distinct().Select(d =>
        {
            var start = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return TimeRange.Create(start, start.AddDays(1));
        }));
    }

    /// <summary>The same weekday as <paramref name="day"/> in each of the <paramref name="weeks"/> weeks before it.</summary>
    public static DeltaBaseline SameWeekday(DateOnly day, int weeks)
    {
        if (weeks < 1) throw new ArgumentOutOfRangeException(nameof(weeks), weeks, "weeks must be at least 1");
        return Days(Enumerable.Range(1, weeks).Select(w => day.AddDays(-7 * w)));
    }

    public bool Equals(DeltaBaseline? other) => other is not null && Ranges.SequenceEqual(other.Ranges);

    public override bool Equals(object? obj) => Equals(obj as DeltaBaseline);

    public override int GetHashCode() => Ranges.Aggregate(0, (h, r) => HashCode.Combine(h, r));

    public static bool operator ==(DeltaBaseline? a, DeltaBaseline? b) => a?.Equals(b) ?? b is null;

    public static bool operator !=(DeltaBaseline? a, DeltaBaseline? b) => !(a == b);

    public override string ToString() => string.Join(", ", Ranges.Select(r => r.ToString()));

    /// <summary>"2026-10-05, 2026-10-12, 2026-10-19" for whole days, else the ranges.</summary>
    public string Describe() => Ranges.All(r => r.Start.TimeOfDay == TimeSpan.Zero && r.End.TimeOfDay == TimeSpan.Zero)
        ? string.Join(", ", Ranges.Select(r => r.Length == TimeSpan.FromDays(1)
            ? r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : $"{r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} – {r.End.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))
        : ToString();
}
