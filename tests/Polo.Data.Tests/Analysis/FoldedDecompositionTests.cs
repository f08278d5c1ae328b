using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;
using Xunit.Abstractions;

namespace Polo.Data.Tests.Analysis;

/// <summary>
/// The scaling path (the engine sums resources that moved $0 per node; only the others are shipped and classified)
/// against the old path (every resource listed and classified in C#) on the 90-day demo estate, with its commitments,
/// fees and lifecycle causes: the same totals, nodes, resource parts and causes, to the cent (in fact exactly).
/// </summary>
public sealed class FoldedDecompositionTests(Demo90Estate demo, ITestOutputHelper output) : IClassFixture<Demo90Estate>
{
    private static readonly TimeRange Month = TimeRange.Create(Demo90Estate.End.AddDays(-30), Demo90Estate.End);
    private static readonly TimeRange Week = TimeRange.Create(Demo90Estate.End.AddDays(-7), Demo90Estate.End);

    public static TheoryData<string, string, CostType, bool> Cases => new()
    {
        { "month", "customer", CostType.Amortized, true },
        { "month", "customer", CostType.Amortized, false },
        { "month", "account", CostType.Unblended, true },
        { "week", "service", CostType.NetAmortized, true },
        { "week", "resource", CostType.Amortized, true },
        { "week", "resource_type", CostType.Unblended, true },
        { "month", "usage_type", CostType.Amortized, true },
        { "week", "cluster", CostType.Amortized, true },
        { "month", "account_role", CostType.Amortized, true },
        { "month", "region", CostType.Amortized, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_folded_path_gives_the_old_answer_to_the_cent(string window, string by, CostType type, bool rollup)
    {
        var period = window == "month" ? Month : Week;
        Assert.True(Grouping.TryParse(by, out var grouping));
        var full = await new DeltaDecomposer(demo.Ch, rollup, listUnchanged: true).DecomposeAsync(period.Previous(), period, grouping, costType: type);
        var folded = await new DeltaDecomposer(demo.Ch, rollup).DecomposeAsync(period.Previous(), period, grouping, costType: type);

        Assert.Equal((full.BaselineCost, full.PeriodCost), (folded.BaselineCost, folded.PeriodCost));
        var diff = Nodes(full.Nodes).Except(Nodes(folded.Nodes)).Concat(Nodes(folded.Nodes).Except(Nodes(full.Nodes)));
        foreach (var n in diff) output.WriteLine($"differs: {n}");
        Assert.Equal(Nodes(full.Nodes).OrderBy(n => n.Id), Nodes(folded.Nodes).OrderBy(n => n.Id));

        var fullLeaves = Leaves(full.Nodes).ToList();
        var foldedLeaves = Leaves(folded.Nodes).ToDictionary(l => (l.Node, l.R.ResourceId), l => l.R);
        var dropped = 0;
        foreach (var (node, r) in fullLeaves)
        {
            if (foldedLeaves.TryGetValue((node, r.ResourceId), out var f))
            {
                Assert.Equal(Parts(r), Parts(f));
                Assert.Equal((r.Cause, r.Explained, r.BaselineCost, r.PeriodCost), (f.Cause, f.Explained, f.BaselineCost, f.PeriodCost));
                continue;
            }
            Assert.True(r.Delta == 0 && r.CauseParts.Count == 0, $"{r.ResourceId} under {node} moved {r.Delta} but was folded");
            dropped++;
        }
        Assert.Equal(fullLeaves.Count - dropped, foldedLeaves.Count);
        Assert.Equal(dropped, folded.Nodes.Sum(n => n.UnchangedResources));
        Assert.Equal(full.Causes.Select(Cause).OrderBy(c => c), folded.Causes.Select(Cause).OrderBy(c => c));
        Assert.Equal((full.Moved, full.UnexplainedMoved), (folded.Moved, folded.UnexplainedMoved));
        output.WriteLine($"{by} {window}: {fullLeaves.Count} leaves, {dropped} folded, {foldedLeaves.Count} classified; delta {folded.Delta:N2}, {folded.Causes.Count} causes");
        Assert.True(dropped > 0, "the demo estate has resources that did not move");
    }

    private static IEnumerable<(string Id, decimal B, decimal P, decimal E)> Nodes(IEnumerable<DeltaNode> nodes) =>
        nodes.SelectMany(n => Nodes(n.Children).Prepend((n.NodeId, n.BaselineCost, n.PeriodCost, n.Explained)));

    private static IEnumerable<(string Node, ResourceDelta R)> Leaves(IEnumerable<DeltaNode> nodes) =>
        nodes.SelectMany(n => n.Resources.Select(r => (n.NodeId, r)).Concat(Leaves(n.Children)));

    private static List<(string, decimal)> Parts(ResourceDelta r) => r.CauseParts.Select(p => (p.Cause, p.Amount)).ToList();

    private static string Cause(CauseSummary c) => $"{c.Cause}|{c.NodeId}|{c.Amount}|{c.ResourceCount}|{c.Description}";
}
