using Polo.Data.Anomalies;
using Polo.Data.Demo;
using Xunit.Abstractions;

namespace Polo.Data.Tests.Anomalies;

/// <summary>The demo estate's injected one-day spikes are found on default settings; no normal weekend dip fires.</summary>
public sealed class DemoAnomalyDetectionTests(Demo90Estate demo, ITestOutputHelper output) : IClassFixture<Demo90Estate>
{
    private static readonly DateOnly Last = DateOnly.FromDateTime(Demo90Estate.End.AddDays(-1));
    private static readonly DateOnly First = Last.AddDays(-59);

    private async Task<IReadOnlyList<Anomaly>> DetectAsync(AnomalySettings? s = null)
    {
        var found = await new AnomalyDetector(demo.Ch).DetectAsync(First, Last, s);
        foreach (var a in found)
            output.WriteLine($"{a.Day:yyyy-MM-dd} {a.Day.DayOfWeek,-9} {a.Severity,-8} z={a.Z,6:0.00} {a.Dimension}/{a.Key} cost={a.Cost} expected={a.Expected} sd={a.StdDev}");
        return found;
    }

    [Fact]
    public async Task Injected_spikes_are_found_on_default_settings()
    {
        var found = await DetectAsync();
        var nat = DateOnly.FromDateTime(DemoAnomalies.NatBurstDay(Demo90Estate.End));
        var launch = DateOnly.FromDateTime(DemoAnomalies.LaunchBurstDay(Demo90Estate.End));
        Assert.Contains(found, a => a.Day == nat && a.Dimension == AnomalyDimensions.Account && a.Key == DemoAnomalies.NatBurstAccount && a.Severity == AnomalySeverity.Critical);
        Assert.Contains(found, a => a.Day == nat && a.Dimension == AnomalyDimensions.UsageType && a.Key == "NatGateway-Bytes");
        Assert.Contains(found, a => a.Day == launch && a.Dimension == AnomalyDimensions.Account && a.Key == DemoAnomalies.LaunchBurstAccount);
        Assert.Contains(found, a => a.Day == launch && a.Dimension == AnomalyDimensions.UsageType && a.Key == "BoxUsage:r5.4xlarge" && a.Severity == AnomalySeverity.Critical);
        // The day after a one-day spike is back to normal: it is not an anomaly of its own.
        Assert.DoesNotContain(found, a => a.Day == nat.AddDays(1) && a.Key == DemoAnomalies.NatBurstAccount);
    }

    [Fact]
    public async Task No_normal_weekend_dip_fires()
    {
        // The dip is there: dev-1's workstations stop every weekend (8 × m5.2xlarge, $73.73 a day).
        var daily = await demo.Ch.QueryAsync<DayCost>("""
            SELECT day, sum(amortized_cost) AS cost FROM cost_rollup_daily
            WHERE account_id = {a:String} AND day >= {f:Date} GROUP BY day ORDER BY day
            """, new QueryParams { ["a"] = DemoAnomalies.WorkstationAccount, ["f"] = First });
        var weekday = daily.Where(d => d.Day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Cost);
        var weekend = daily.Where(d => d.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Cost);
        Assert.InRange(weekday - weekend, 73m, 74m);
        var found = await DetectAsync();
        Assert.DoesNotContain(found, a => a.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && a.Z < 0);
        Assert.DoesNotContain(found, a => a.Key == DemoAnomalies.WorkstationAccount);
    }

    private sealed record DayCost(DateOnly Day, decimal Cost);
}
