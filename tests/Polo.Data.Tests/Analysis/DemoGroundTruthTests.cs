using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Demo;
using Polo.Data.Vocabulary;
using Xunit.Abstractions;

namespace Polo.Data.Tests.Analysis;

/// <summary>Checks that a decomposition of an injected cause's baseline vs period names that cause on its node.</summary>
internal static class GroundTruth
{
    public static TheoryData<string> Kinds => new()
    {
        CauseKind.Resized, CauseKind.RanLonger, CauseKind.Orphaned, CauseKind.UsageChange,
        DemoCommitmentCauses.CoverageLost, DemoCommitmentCauses.CoverageGained,
    };

    public static async Task AssertFoundAsync(IClickHouse ch, InjectedCause cause, ITestOutputHelper output)
    {
        var by = cause.NodeId.StartsWith("account:", StringComparison.Ordinal) ? Grouping.Account : Grouping.Customer;
        var d = await new DeltaDecomposer(ch).DecomposeAsync(cause.Baseline, cause.Period, by);
        foreach (var c in d.Causes.Take(12)) output.WriteLine($"{c.Cause,-14} {c.NodeId,-40} {c.Amount,12:N2}  {c.Description}");

        var found = d.Causes.Where(c => c.Cause == cause.Kind && c.NodeId == cause.NodeId).ToList();
        var amount = found.Sum(c => c.Amount);
        output.WriteLine($"expected {cause.ExpectedDelta:N2} for {cause.Kind} on {cause.NodeId}, found {amount:N2}");
        Assert.NotEmpty(found);
        var tolerance = Math.Abs(cause.ExpectedDelta) * 0.01m;
        Assert.InRange(amount, cause.ExpectedDelta - tolerance, cause.ExpectedDelta + tolerance);
        Assert.True(found.SelectMany(c => c.ResourceIds).ToHashSet().SetEquals(cause.ResourceIds),
            "the cause must name exactly the injected resources");
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
    }
}

/// <summary>The decomposition must find every cause the demo generator injected in the 90-day estate.</summary>
public sealed class DemoGroundTruthTests(Demo90Estate demo, ITestOutputHelper output) : IClassFixture<Demo90Estate>
{
    public static TheoryData<string> Kinds => GroundTruth.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Injected_cause_is_attributed_to_its_kind_on_its_node_within_one_percent(string kind) =>
        GroundTruth.AssertFoundAsync(demo.Ch, Assert.Single(demo.Summary.Causes, c => c.Kind == kind), output);

    [Fact]
    public async Task Month_over_month_decomposition_is_exact_and_mostly_explained()
    {
        var period = TimeRange.Create(Demo90Estate.End.AddDays(-30), Demo90Estate.End);
        var d = await new DeltaDecomposer(demo.Ch).DecomposeAsync(period.Previous(), period);
        foreach (var c in d.Causes.Take(20)) output.WriteLine($"{c.Cause,-14} {c.NodeId,-40} {c.Amount,12:N2}  {c.Description}");
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
        Assert.True(Math.Abs(d.Unexplained) < 1m, $"unexplained {d.Unexplained} should be rounding noise in the demo estate");
        Assert.Equal(await demo.Ch.ScalarAsync<decimal>(
            "SELECT sum(amortized_cost) FROM cost_hourly WHERE hour >= {s:DateTime} AND hour < {e:DateTime}",
            new QueryParams { ["s"] = period.Start, ["e"] = period.End }), d.PeriodCost);
    }
}

/// <summary>The 30-day estate puts the scale-up at noon, so its windows read the hourly ledger.</summary>
public sealed class DemoGroundTruth30DayTests(Demo30Estate demo, ITestOutputHelper output) : IClassFixture<Demo30Estate>
{
    public static TheoryData<string> Kinds => GroundTruth.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task Injected_cause_is_attributed_to_its_kind_on_its_node_within_one_percent(string kind) =>
        GroundTruth.AssertFoundAsync(demo.Ch, Assert.Single(demo.Summary.Causes, c => c.Kind == kind), output);

    [Fact]
    public void The_scale_up_window_is_not_whole_days()
    {
        var resized = demo.Summary.Causes.Single(c => c.Kind == CauseKind.Resized);
        Assert.NotEqual(TimeSpan.Zero, resized.Period.Start.TimeOfDay);
    }
}
