using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis;

/// <summary>
/// Causes that need usage arithmetic or running hours without lifecycle events. Baseline Oct 1, period Oct 2 (24 h each):
/// nat-2 10 → 20 GB/h while the price goes 0.045 → 0.050 /GB: 10.80 → 24.00, a price-volume split: usage change
/// 240 GB × 0.045 = 10.80 at the old rate, rate change 480 GB × 0.005 = 2.40 at the new usage; i-quiet ran 12 h then 24 h at 1.00 with no event in the window → ran_longer +12.00;
/// i-nohist has no events at all and first costs Oct 2 06:00, 18 h × 0.50 → launched +9.00.
/// </summary>
public sealed class DeltaEdgeCaseTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Baseline = TimeRange.Create(Oct1, Oct1.AddDays(1));
    private static readonly TimeRange Period = TimeRange.Create(Oct1.AddDays(1), Oct1.AddDays(2));
    private bool _written;

    private async Task WriteOnceAsync()
    {
        if (_written || await db.Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly") > 0) return;
        var p = new Place("333333333333", "acme", "prod-1");
        await new FixtureWriter()
            .Cost("nat-2", ResourceTypes.NatGateway, p, "AmazonEC2", "NatGateway-Bytes", Oct1, Oct1.AddDays(1), 0.45m, 10)
            .Cost("nat-2", ResourceTypes.NatGateway, p, "AmazonEC2", "NatGateway-Bytes", Oct1.AddDays(1), Oct1.AddDays(2), 1.00m, 20)
            .Event("nat-2", ResourceTypes.NatGateway, p, Oct1.AddDays(-60), EventTypes.Created)
            .Event("nat-2", ResourceTypes.NatGateway, p, Oct1.AddDays(1), EventTypes.UsageChanged, (EventProperties.Metric, "bytes"), (EventProperties.Old, "10"), (EventProperties.New, "20"))
            .Cost("i-quiet", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.xlarge", Oct1.AddHours(12), Oct1.AddDays(2), 1.00m)
            .Event("i-quiet", ResourceTypes.Instance, p, Oct1.AddDays(-3), EventTypes.Created, (EventProperties.InstanceType, "m5.xlarge"))
            .Cost("i-nohist", ResourceTypes.Instance, p, "AmazonEC2", "BoxUsage:m5.large", Oct1.AddDays(1).AddHours(6), Oct1.AddDays(2), 0.50m)
            .WriteAsync(db.Ch);
        _written = true;
    }

    public static TheoryData<bool> Paths => new() { true, false };

    private async Task<Dictionary<string, ResourceDelta>> ResourcesAsync(bool rollup)
    {
        await WriteOnceAsync();
        var d = await new DeltaDecomposer(db.Ch, rollup).DecomposeAsync(Baseline, Period);
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(34.20m, d.Delta); // 13.20 + 12.00 + 9.00
        return d.Nodes.SelectMany(n => n.Children.SelectMany(c => c.Resources)).ToDictionary(r => r.ResourceId);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task More_usage_at_a_new_price_splits_into_usage_change_and_rate_change(bool rollup)
    {
        var nat = (await ResourcesAsync(rollup))["nat-2"];
        Assert.Equal((CauseKind.UsageChange, 13.20m, 13.20m, 0m), (nat.Cause, nat.Delta, nat.Explained, nat.Unexplained));
        Assert.Equal([(CauseKind.UsageChange, 10.80m), (CauseKind.RateChange, 2.40m)],
            nat.CauseParts.Select(p => (p.Cause, p.Amount)));
        Assert.Equal("usage bytes 10 → 20", nat.CauseParts[0].Evidence[0].Summary);
        Assert.Equal(13.20m, nat.Moved);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task More_running_hours_with_no_event_is_ran_longer(bool rollup)
    {
        var quiet = (await ResourcesAsync(rollup))["i-quiet"];
        Assert.Equal((CauseKind.RanLonger, 12.00m), (quiet.Cause, quiet.Explained));
        Assert.Equal("launched m5.xlarge", quiet.Evidence[0].Summary);
        Assert.Contains("ran 24 h in the period vs 12 h", quiet.Evidence[1].Summary);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task First_cost_inside_the_window_with_no_history_is_launched(bool rollup)
    {
        var fresh = (await ResourcesAsync(rollup))["i-nohist"];
        Assert.Equal((CauseKind.Launched, 9.00m), (fresh.Cause, fresh.Explained));
        Assert.Equal("first_billed", fresh.Evidence[0].EventType);
        Assert.StartsWith("first billed 2026-10-02", fresh.Evidence[0].Summary);
    }
}
