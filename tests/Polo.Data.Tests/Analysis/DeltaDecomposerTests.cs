using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis;

public sealed class DeltaDecomposerTests(DeltaScenario scenario) : IClassFixture<DeltaScenario>
{
    private readonly DeltaDecomposer _decomposer = new(scenario.Ch);

    private Task<DeltaDecomposition> Decompose(Grouping? by = null, CostFilter? filter = null) =>
        _decomposer.DecomposeAsync(DeltaScenario.Baseline, DeltaScenario.Period, by, filter);

    private static IEnumerable<ResourceDelta> AllResources(IEnumerable<DeltaNode> nodes) =>
        nodes.SelectMany(n => n.Resources.Concat(AllResources(n.Children)));

    private static void AssertExactSums(DeltaNode node)
    {
        Assert.Equal(node.Delta, node.Children.Sum(c => c.Delta) + node.Resources.Sum(r => r.Delta));
        Assert.Equal(node.Explained, node.Children.Sum(c => c.Explained) + node.Resources.Sum(r => r.Explained));
        foreach (var child in node.Children) AssertExactSums(child);
    }

    [Fact]
    public async Task Totals_scale_the_baseline_to_the_period_length()
    {
        var d = await Decompose();
        Assert.Equal(47.40m, d.BaselineCost);
        Assert.Equal(109.78m, d.PeriodCost);
        Assert.Equal(62.38m, d.Delta);
    }

    [Theory]
    [InlineData(GroupingKind.Customer)]
    [InlineData(GroupingKind.Cluster)]
    [InlineData(GroupingKind.Index)]
    [InlineData(GroupingKind.Account)]
    [InlineData(GroupingKind.AccountRole)]
    [InlineData(GroupingKind.Service)]
    [InlineData(GroupingKind.UsageType)]
    [InlineData(GroupingKind.Resource)]
    public async Task Delta_equals_node_deltas_and_cause_amounts_exactly(GroupingKind kind)
    {
        var d = await Decompose(Grouping.Of(kind));
        Assert.Equal(62.38m, d.Delta);
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        foreach (var node in d.Nodes) AssertExactSums(node);
    }

    [Theory]
    [InlineData("i-resize", CauseKind.Resized, 18.00)]
    [InlineData("i-new", CauseKind.Launched, 9.00)]
    [InlineData("i-gone", CauseKind.Terminated, -9.00)]
    [InlineData("nat-1", CauseKind.UsageChange, 21.60)]
    [InlineData("vol-orphan", CauseKind.Orphaned, 2.30)]
    [InlineData("i-test", CauseKind.RanLonger, 18.00)]
    [InlineData("i-stop", CauseKind.Stopped, -2.80)]
    [InlineData("i-start", CauseKind.Started, 4.80)]
    public async Task Each_resource_gets_its_cause_with_evidence(string resourceId, string cause, double delta)
    {
        var d = await Decompose();
        var r = Assert.Single(AllResources(d.Nodes), r => r.ResourceId == resourceId);
        Assert.Equal(cause, r.Cause);
        Assert.Equal((decimal)delta, r.Delta);
        Assert.Equal(r.Delta, r.Explained);
        Assert.NotEmpty(r.Evidence);
        Assert.All(r.Evidence, e => Assert.Equal(resourceId, e.ResourceId));
    }

    [Fact]
    public async Task Evidence_names_the_event_that_explains_the_change()
    {
        var all = AllResources((await Decompose()).Nodes).ToList();
        Assert.Equal("resized r5.xlarge → r5.4xlarge", all.Single(r => r.ResourceId == "i-resize").Evidence[0].Summary);
        Assert.Equal("detached from i-worker", all.Single(r => r.ResourceId == "vol-orphan").Evidence[0].Summary);
        var ranLonger = all.Single(r => r.ResourceId == "i-test").Evidence;
        Assert.Equal("state stopped → running", ranLonger[0].Summary);
        Assert.Equal(DeltaScenario.Period.Start, ranLonger[0].Time);
        Assert.Equal("no_stop", ranLonger[1].EventType);
        Assert.Contains("NatGateway-Bytes: 720 GB in the period vs 240 GB", all.Single(r => r.ResourceId == "nat-1").Evidence[0].Summary);
    }

    [Fact]
    public async Task A_price_change_with_the_same_usage_is_a_rate_change_with_its_rates()
    {
        var d = await Decompose();
        var r = AllResources(d.Nodes).Single(r => r.ResourceId == "i-price");
        Assert.Equal((CauseKind.RateChange, 0.48m, 0m), (r.Cause, r.Explained, r.Unexplained));
        Assert.Equal(0m, d.Unexplained);
        var rate = d.Causes.Single(c => c.Cause == CauseKind.RateChange);
        Assert.Equal(("index:acme/prod-1/search", 0.48m), (rate.NodeId, rate.Amount));
        Assert.Equal("customer acme's index search (prod-1) paid a higher rate (1 instance) (+$0.48, same 24 h, $0.10/h → $0.12/h)",
            rate.Description);
    }

    [Fact]
    public async Task A_tag_change_moves_cost_between_index_nodes()
    {
        var d = await Decompose();
        var tag = d.Causes.Where(c => c.Cause == CauseKind.TagChange).ToDictionary(c => c.NodeId, c => c.Amount);
        Assert.Equal(-7.20m, tag["index:acme/prod-1/logs"]);
        Assert.Equal(7.20m, tag["index:acme/prod-1/search"]);
    }

    [Fact]
    public async Task Hierarchy_tree_nests_customer_cluster_index_with_hand_computed_deltas()
    {
        var d = await Decompose();
        var byId = d.Nodes.ToDictionary(n => n.NodeId);
        // Nothing is unexplained, so nodes sort by |delta|.
        Assert.Equal(["unassigned", "customer:internal", "customer:acme", "customer:globex"], d.Nodes.Select(n => n.NodeId));
        Assert.Equal(18.48m, byId["customer:acme"].Delta);
        Assert.Equal(21.60m, byId["unassigned"].Delta);
        Assert.Equal(20.30m, byId["customer:internal"].Delta);
        Assert.Equal(2.00m, byId["customer:globex"].Delta);

        var prod1 = Assert.Single(byId["customer:acme"].Children);
        Assert.Equal("cluster:acme/prod-1", prod1.NodeId);
        var indexes = prod1.Children.ToDictionary(n => n.NodeId, n => n.Delta);
        Assert.Equal(19.80m, indexes["index:acme/prod-1/logs"]);
        Assert.Equal(-1.32m, indexes["index:acme/prod-1/search"]);
        Assert.Equal("index:acme/prod-1/logs", prod1.Children[0].NodeId);

        var globex = Assert.Single(byId["customer:globex"].Children);
        Assert.Equal(["i-start", "i-stop"], globex.Resources.Select(r => r.ResourceId));
    }

    [Fact]
    public async Task Causes_are_summarised_per_node_with_readable_descriptions()
    {
        var d = await Decompose();
        var c = d.Causes.Single(c => c.Cause == CauseKind.Resized);
        Assert.Equal("index:acme/prod-1/logs", c.NodeId);
        Assert.Equal(18.00m, c.Amount);
        Assert.Equal("customer acme's index logs (prod-1) scaled up (1 instance resized) (+$18.00)", c.Description);
        var orphaned = d.Causes.Single(c => c.Cause == CauseKind.Orphaned);
        Assert.Equal(("cluster:internal/pipeline", 1, "vol-orphan"), (orphaned.NodeId, orphaned.ResourceCount, orphaned.ResourceIds[0]));
        var usage = d.Causes.Single(c => c.Cause == CauseKind.UsageChange);
        Assert.Equal("unassigned cost used more (1 NAT gateway, same price) (+$21.60)", usage.Description);
    }

    [Fact]
    public async Task Grouping_by_account_and_role_uses_the_account_dictionary()
    {
        var byAccount = await Decompose(Grouping.Account);
        var a = byAccount.Nodes.Single(n => n.NodeId == $"account:{DeltaScenario.AccountA}");
        Assert.Equal("prod-search", a.Name);
        // Account A: resize 18 + new 9 − gone 9 + price 0.48 + tag 0 + nat 21.60 = 40.08
        Assert.Equal(40.08m, a.Delta);
        Assert.Empty(a.Children);

        var byRole = await Decompose(Grouping.AccountRole);
        Assert.Equal(new Dictionary<string, decimal> { ["role:production"] = 40.08m, ["role:development"] = 22.30m },
            byRole.Nodes.ToDictionary(n => n.NodeId, n => n.Delta));
    }

    [Fact]
    public async Task Filter_narrows_to_one_node()
    {
        var d = await Decompose(filter: new CostFilter(NodeId: "index:acme/prod-1/search"));
        Assert.Equal(-1.32m, d.Delta);
        var role = await Decompose(filter: new CostFilter(AccountRole: "development"));
        Assert.Equal(22.30m, role.Delta);
    }

    [Fact]
    public async Task Malformed_node_filter_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Decompose(filter: new CostFilter(NodeId: "cluster:acme")));
    }
}

public sealed class DeltaDecomposerSourceTests(DeltaScenario scenario) : IClassFixture<DeltaScenario>
{
    private static IEnumerable<string> Flatten(IEnumerable<DeltaNode> nodes) => nodes.SelectMany(n =>
        new[] { $"{n.NodeId} {n.BaselineCost} {n.PeriodCost} {n.Explained}" }
            .Concat(n.Resources.Select(r => $"  {r.ResourceId} {r.BaselineCost} {r.PeriodCost} {r.Cause} {r.Explained} {string.Join("|", r.Evidence.Select(e => e.Summary))}"))
            .Concat(Flatten(n.Children)));

    [Theory]
    [InlineData(GroupingKind.Customer)]
    [InlineData(GroupingKind.Account)]
    public async Task Daily_rollup_path_and_hourly_ledger_path_give_the_same_decomposition(GroupingKind kind)
    {
        var by = Grouping.Of(kind);
        var rollup = await new DeltaDecomposer(scenario.Ch).DecomposeAsync(DeltaScenario.Baseline, DeltaScenario.Period, by);
        var hourly = await new DeltaDecomposer(scenario.Ch, useDailyRollup: false).DecomposeAsync(DeltaScenario.Baseline, DeltaScenario.Period, by);
        Assert.Equal(Flatten(hourly.Nodes), Flatten(rollup.Nodes));
        Assert.Equal(hourly.Causes.Select(c => (c.Cause, c.NodeId, c.Amount, c.Description)), rollup.Causes.Select(c => (c.Cause, c.NodeId, c.Amount, c.Description)));
    }

    [Fact]
    public async Task Windows_that_are_not_whole_days_read_the_hourly_ledger()
    {
        // Baseline Oct 2 00:00–12:00, period Oct 3 00:00–12:00: i-test ran 0 h then 12 h (started Oct 3) → started +12.00;
        // i-resize 12 × 0.25 = 3.00 → 12 × 1.00 = 12.00 → resized +9.00.
        var d = await new DeltaDecomposer(scenario.Ch).DecomposeAsync(
            TimeRange.Create(DeltaScenario.Oct1.AddDays(1), DeltaScenario.Oct1.AddDays(1).AddHours(12)),
            TimeRange.Create(DeltaScenario.Oct1.AddDays(2), DeltaScenario.Oct1.AddDays(2).AddHours(12)));
        var causes = d.Causes.Where(c => c.Cause != CauseKind.TagChange && c.ResourceIds.Count == 1).ToDictionary(c => c.ResourceIds[0], c => (c.Cause, c.Amount));
        Assert.Equal((CauseKind.Started, 12.00m), causes["i-test"]);
        Assert.Equal((CauseKind.Resized, 9.00m), causes["i-resize"]);
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
    }
}
