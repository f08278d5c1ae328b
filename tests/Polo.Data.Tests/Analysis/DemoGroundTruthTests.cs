using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Tests.Analysis.Fixtures;
using Xunit.Abstractions;

namespace Polo.Data.Tests.Analysis;

/// <summary>The decomposition must find every cause the demo generator injected, on the node it was injected at.</summary>
public sealed class DemoGroundTruthTests(Demo90Fixture demo, ITestOutputHelper output) : IClassFixture<Demo90Fixture>
{
    public static TheoryData<string> Kinds => new() { CauseKind.Resized, CauseKind.RanLonger, CauseKind.Orphaned, CauseKind.UsageChange };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Injected_cause_is_attributed_to_its_kind_on_its_node_within_one_percent(string kind)
    {
        var cause = Assert.Single(demo.Summary.Causes, c => c.Kind == kind);
        var by = cause.NodeId.StartsWith("account:", StringComparison.Ordinal) ? Grouping.Account : Grouping.Customer;
        var d = await new DeltaDecomposer(demo.Ch).DecomposeAsync(cause.Baseline, cause.Period, by);
        foreach (var c in d.Causes.Take(15)) output.WriteLine($"{c.Cause,-14} {c.NodeId,-40} {c.Amount,12:N2}  {c.Description}");

        var found = d.Causes.Where(c => c.Cause == kind && c.NodeId == cause.NodeId).ToList();
        var amount = found.Sum(c => c.Amount);
        output.WriteLine($"expected {cause.ExpectedDelta:N2} for {kind} on {cause.NodeId}, found {amount:N2}");
        Assert.NotEmpty(found);
        Assert.InRange(amount, cause.ExpectedDelta - Math.Abs(cause.ExpectedDelta) * 0.01m, cause.ExpectedDelta + Math.Abs(cause.ExpectedDelta) * 0.01m);
        Assert.True(found.SelectMany(c => c.ResourceIds).ToHashSet().SetEquals(cause.ResourceIds),
            "the cause must name exactly the injected resources");
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
    }

    [Fact]
    public async Task Month_over_month_decomposition_is_exact_and_mostly_explained()
    {
        var period = TimeRange.Create(Demo90Fixture.End.AddDays(-30), Demo90Fixture.End);
        var d = await new DeltaDecomposer(demo.Ch).DecomposeAsync(period.Previous(), period);
        foreach (var c in d.Causes.Take(20)) output.WriteLine($"{c.Cause,-14} {c.NodeId,-40} {c.Amount,12:N2}  {c.Description}");
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
        Assert.True(Math.Abs(d.Unexplained) < 1m, $"unexplained {d.Unexplained} should be rounding noise in the demo estate");
    }
}
