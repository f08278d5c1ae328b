using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis;

/// <summary>
/// A baseline that is not one range: Thursday 2026-10-29 against the same weekday of the 4 weeks before (Oct 1, 8,
/// 15, 22), scaled totals (baseline × 24 h / 96 h, i.e. the daily average). Estate, Oct 1 – Oct 30:
/// i-steady $1.00/h every hour, plus a $100/h spike on Wed Oct 14 (a day between the baseline days, in neither window);
/// nat-1 10 GB/h at $0.045/GB, 20 GB/h on the period day (usage change +$10.80);
/// i-gap $5/h only Oct 2 – Oct 7 (in neither window: never in the answer);
/// i-new first billed Oct 29 06:00, 18 h × $0.50, no history (launched +$9.00);
/// i-thu $2/h on Oct 8 and Oct 22 only: baseline 2 × 48 / 4 = $24.00 vs nothing (billing stopped −$24.00).
/// </summary>
public sealed class SetBaselineTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2026, 10, 29);
    private static readonly TimeRange Period = TimeRange.Create(Oct1.AddDays(28), Oct1.AddDays(29));
    private static readonly DeltaBaseline FourThursdays = DeltaBaseline.SameWeekday(Day, 4);
    private bool _written;

    private async Task WriteOnceAsync()
    {
        if (_written || await db.Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly") > 0) return;
        var p = new Place("333333333333", "acme", "prod-1");
        await new FixtureWriter()
            .Cost("i-steady", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.xlarge", Oct1, Oct1.AddDays(30), 1.00m)
            .Cost("i-steady", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.xlarge", Oct1.AddDays(13), Oct1.AddDays(14), 100m)
            .Event("i-steady", ResourceTypes.Instance, p, Oct1.AddDays(-30), EventTypes.Created)
            .Cost("nat-1", ResourceTypes.NatGateway, p, "AmazonEC2", "NatGateway-Bytes", Oct1, Oct1.AddDays(28), 0.45m, 10)
            .Cost("nat-1", ResourceTypes.NatGateway, p, "AmazonEC2", "NatGateway-Bytes", Oct1.AddDays(28), Oct1.AddDays(29), 0.90m, 20)
            .Cost("nat-1", ResourceTypes.NatGateway, p, "AmazonEC2", "NatGateway-Bytes", Oct1.AddDays(29), Oct1.AddDays(30), 0.45m, 10)
            .Event("nat-1", ResourceTypes.NatGateway, p, Oct1.AddDays(-30), EventTypes.Created)
            .Cost("i-gap", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:c5.large", Oct1.AddDays(1), Oct1.AddDays(7), 5.00m)
            .Cost("i-new", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.large", Oct1.AddDays(28).AddHours(6), Oct1.AddDays(30), 0.50m)
            .Cost("i-thu", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.large", Oct1.AddDays(7), Oct1.AddDays(8), 2.00m)
            .Cost("i-thu", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.large", Oct1.AddDays(21), Oct1.AddDays(22), 2.00m)
            .WriteAsync(db.Ch);
        _written = true;
    }

    public static TheoryData<bool> Paths => new() { true, false };

    private async Task<DeltaDecomposition> DecomposeAsync(DeltaBaseline baseline, bool rollup = true, TimeRange? period = null)
    {
        await WriteOnceAsync();
        var d = await new DeltaDecomposer(db.Ch, rollup).DecomposeAsync(baseline, period ?? Period);
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
        Assert.Equal(d.Delta, d.AllResources().Sum(r => r.CauseParts.Sum(x => x.Amount)));
        return d;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Four_same_weekdays_compare_their_daily_average_with_the_day(bool rollup)
    {
        var d = await DecomposeAsync(FourThursdays, rollup);
        // Baseline (scaled): i-steady 24 + nat-1 10.80 + i-thu 24 = 58.80; period: 24 + 21.60 + 9 = 54.60.
        Assert.Equal((58.80m, 54.60m, -4.20m), (d.BaselineCost, d.PeriodCost, d.Delta));
        Assert.Equal(FourThursdays, d.BaselineWindows);
        Assert.Equal(TimeRange.Create(Oct1, Oct1.AddDays(22)), d.Baseline);

        var all = d.AllResources().ToDictionary(r => r.ResourceId);
        Assert.DoesNotContain("i-gap", all.Keys);
        Assert.Equal((24m, 24m, 0m), (all["i-steady"].BaselineCost, all["i-steady"].PeriodCost, all["i-steady"].Delta));
        Assert.Equal([(CauseKind.UsageChange, 10.80m)], all["nat-1"].CauseParts.Select(x => (x.Cause, x.Amount)));
        Assert.Equal((CauseKind.Launched, 9.00m), (all["i-new"].Cause, all["i-new"].Explained));
        Assert.Equal((CauseKind.BillingStopped, -24.00m), (all["i-thu"].Cause, all["i-thu"].Explained));
        Assert.Equal(0m, d.Unexplained);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Consecutive_days_are_the_same_baseline_as_their_range(bool rollup)
    {
        var week = TimeRange.Create(Oct1.AddDays(21), Oct1.AddDays(28));
        var days = DeltaBaseline.Days(Enumerable.Range(0, 7).Select(i => new DateOnly(2026, 10, 22).AddDays(i)));
        Assert.True(days.IsContiguous);
        Assert.Equal(DeltaBaseline.Of(week), days);

        await WriteOnceAsync();
        var byRange = await new DeltaDecomposer(db.Ch, rollup).DecomposeAsync(week, Period);
        var byDays = await DecomposeAsync(days, rollup);
        Assert.Equal((byRange.BaselineCost, byRange.PeriodCost), (byDays.BaselineCost, byDays.PeriodCost));
        Assert.Equal(Parts(byRange), Parts(byDays));
        Assert.Null(byDays.BaselineRanges);
    }

    [Fact]
    public async Task An_uneven_scale_keeps_the_parts_summing_to_the_delta_exactly()
    {
        // 7 hours on three separate days (Oct 8 00–03, Oct 15 00–02, Oct 22 00–02) against a whole day: scale 24/7.
        var odd = DeltaBaseline.Of([
            TimeRange.Create(Oct1.AddDays(7), Oct1.AddDays(7).AddHours(3)),
            TimeRange.Create(Oct1.AddDays(14), Oct1.AddDays(14).AddHours(2)),
            TimeRange.Create(Oct1.AddDays(21), Oct1.AddDays(21).AddHours(2)),
        ]);
        Assert.Equal(TimeSpan.FromHours(7), odd.Length);
        var d = await DecomposeAsync(odd);
        var all = d.AllResources().ToDictionary(r => r.ResourceId);
        Assert.Equal(24m, all["i-steady"].BaselineCost);
        // i-thu: 3 h on Oct 8 + 2 h on Oct 22 at $2 = $10 over 7 h, scaled to 24 h.
        Assert.Equal(Math.Round(10m * 24m / 7m, 6), all["i-thu"].BaselineCost, 5);
    }

    [Fact]
    public async Task A_day_between_the_baseline_days_never_counts()
    {
        var withSpikeDay = DeltaBaseline.Days([new DateOnly(2026, 10, 14), new DateOnly(2026, 10, 22)]);
        var d = await DecomposeAsync(withSpikeDay);
        var steady = d.AllResources().Single(r => r.ResourceId == "i-steady");
        Assert.Equal((24m + 2_400m + 24m) / 2, steady.BaselineCost);
        var without = await DecomposeAsync(FourThursdays);
        Assert.Equal(24m, without.AllResources().Single(r => r.ResourceId == "i-steady").BaselineCost);
    }

    private static List<(string, string, decimal)> Parts(DeltaDecomposition d) => d.AllResources()
        .SelectMany(r => r.CauseParts.Select(x => (r.ResourceId, x.Cause, x.Amount)))
        .OrderBy(x => x.ResourceId).ThenBy(x => x.Cause).ToList();
}

public sealed class DeltaBaselineTests
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Ranges_are_sorted_and_overlapping_or_adjacent_ones_merged()
    {
        var b = DeltaBaseline.Of([
            TimeRange.Create(Oct1.AddDays(5), Oct1.AddDays(6)),
            TimeRange.Create(Oct1, Oct1.AddDays(2)),
            TimeRange.Create(Oct1.AddDays(1), Oct1.AddDays(3)),
            TimeRange.Create(Oct1.AddDays(3), Oct1.AddDays(4)),
        ]);
        Assert.Equal([TimeRange.Create(Oct1, Oct1.AddDays(4)), TimeRange.Create(Oct1.AddDays(5), Oct1.AddDays(6))], b.Ranges);
        Assert.Equal(TimeSpan.FromDays(5), b.Length);
        Assert.Equal(TimeRange.Create(Oct1, Oct1.AddDays(6)), b.Span);
        Assert.False(b.IsContiguous);
        Assert.Equal("2026-10-01 – 2026-10-04, 2026-10-06", b.Describe());
    }

    [Fact]
    public void Same_weekday_takes_the_weeks_before_the_day()
    {
        var b = DeltaBaseline.SameWeekday(new DateOnly(2026, 10, 29), 3);
        Assert.Equal("2026-10-08, 2026-10-15, 2026-10-22", b.Describe());
        Assert.Equal(TimeSpan.FromDays(3), b.Length);
        Assert.Equal(b, DeltaBaseline.Days([new DateOnly(2026, 10, 22), new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 15), new DateOnly(2026, 10, 8)]));
    }

    [Fact]
    public void An_empty_baseline_is_refused_clearly()
    {
        Assert.Contains("at least one range", Assert.Throws<ArgumentException>(() => DeltaBaseline.Days([])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeltaBaseline.SameWeekday(new DateOnly(2026, 10, 29), 0));
    }
}
