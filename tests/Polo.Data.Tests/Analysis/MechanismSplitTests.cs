using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;
using Xunit.Abstractions;
using static Polo.Testing.CurEstate;

namespace Polo.Data.Tests.Analysis;

/// <summary>
/// December vs November of a bill in CUR 2.0 shapes (<see cref="CurEstate"/>): every mechanism's amount to the cent
/// per resource, nothing under a wrong cause, an exact total, and the "Done when" figure (moved dollars to the right
/// cause), for each cost type, on the daily rollup and on the hourly ledger.
/// </summary>
public sealed class MechanismSplitTests(CurEstate estate, ITestOutputHelper output) : IClassFixture<CurEstate>
{
    public static TheoryData<CostType, bool> Cases => new()
    {
        { CostType.Amortized, true }, { CostType.Amortized, false }, { CostType.Unblended, true },
        { CostType.Unblended, false }, { CostType.NetAmortized, true },
    };

    private Task<DeltaDecomposition> Decompose(CostType type, bool rollup = true, Grouping? by = null) =>
        new DeltaDecomposer(estate.Ch, rollup).DecomposeAsync(November, December, by ?? Grouping.Service, costType: type);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_mechanism_is_attributed_to_the_cent_and_nothing_to_a_wrong_cause(CostType type, bool rollup)
    {
        var d = await Decompose(type, rollup);
        var expected = Expected(type);
        var got = d.AllResources().SelectMany(r => r.CauseParts.Select(p => (Key: (r.ResourceId, p.Cause), p.Amount)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        foreach (var (key, amount) in got.OrderBy(k => k.Key.ResourceId))
            output.WriteLine($"{key.ResourceId,-60} {key.Cause,-16} {amount,14:0.######}");

        var wrong = got.Where(g => !expected.ContainsKey(g.Key)).ToList();
        Assert.True(wrong.Count == 0, "under a wrong cause: " + string.Join(", ", wrong.Select(w => $"{w.Key} {w.Value}")));
        foreach (var (key, amount) in expected)
            Assert.True(got.TryGetValue(key, out var actual) && Math.Round(actual, 2) == Math.Round(amount, 2)
                        && Math.Abs(actual - amount) < 0.000002m, $"{key}: expected {amount}, got {actual}");

        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
        Assert.Equal(expected.Values.Sum(), d.Delta, 5);
        Assert.Equal(0m, d.UnexplainedMoved);

        // Done when: ≥ 98 % of the moved dollars under the right cause, none under a wrong one.
        var right = got.Where(g => expected.ContainsKey(g.Key)).Sum(g => Math.Abs(g.Value));
        output.WriteLine($"moved {d.Moved:0.00}, right cause {right / d.Moved:P2}");
        Assert.True(right / d.Moved >= 0.98m);
    }

    [Fact]
    public async Task Opposite_mechanisms_on_one_resource_do_not_cancel_in_moved_dollars()
    {
        // Unblended: coverage lost on i-sp1 (+142.848) while its plan's fee (−285.696 on sp-1) and the RI fees drop;
        // the total moves little, the moved dollars count every mechanism.
        var d = await Decompose(CostType.Unblended);
        Assert.Equal(Expected(CostType.Unblended).Values.Sum(v => Math.Abs(v)), d.Moved, 5);
        Assert.True(d.Moved > Math.Abs(d.Delta) * 2);
    }

    [Fact]
    public async Task Coverage_loss_reads_with_count_date_hours_and_rates()
    {
        var d = await Decompose(CostType.Amortized, by: Grouping.UsageType);
        var lost = d.Causes.Single(c => c.Cause == CauseKind.CoverageLost && c.NodeId == "usage_type:BoxUsage:m5.large");
        Assert.Equal(5, lost.ResourceCount);
        Assert.Equal(4 * 71.424m + 53.568m, lost.Amount);
        Assert.Equal("usage type BoxUsage:m5.large 5 instances lost Savings Plan or RI coverage on 2025-11-30 " +
                     "(+$339.26, same 3,720 h, $0.1008/h → $0.192/h)", lost.Description);
    }

    [Fact]
    public async Task The_bill_is_the_evidence_where_no_event_exists()
    {
        var d = await Decompose(CostType.Amortized);
        var all = d.AllResources().ToDictionary(r => r.ResourceId);
        var gone = all["i-gone"];
        Assert.Equal(CauseKind.BillingStopped, gone.Cause);
        Assert.Equal("last_billed", gone.Evidence[0].EventType);
        Assert.StartsWith("last billed 2025-11-19", gone.Evidence[0].Summary);
        Assert.Contains(d.Causes, c => c.Cause == CauseKind.BillingStopped
                                       && c.Description == "service AmazonEC2 1 instance stopped being billed on 2025-11-19 (-$45.24)");
        Assert.Equal(CauseKind.Launched, all["i-new"].Cause);
        Assert.StartsWith("first billed 2025-12-10", all["i-new"].Evidence[0].Summary);
    }

    [Fact]
    public async Task An_unchanged_monthly_fee_shows_zero_december_vs_november_and_is_never_launched()
    {
        foreach (var type in CostTypes.All)
        {
            var d = await Decompose(type);
            var support = d.AllResources().Where(r => r.ResourceId == Support).ToList();
            Assert.All(support, r => Assert.Equal(0m, r.Delta));
            Assert.DoesNotContain(support.SelectMany(r => r.CauseParts), p => p.Amount != 0);
            Assert.DoesNotContain(d.Causes, c => c.ResourceIds.Contains(Support) && c.Amount != 0);
            var node = d.Nodes.Single(n => n.NodeId == "service:AWSSupportBusiness");
            Assert.Equal((100m, 100m), (node.BaselineCost, node.PeriodCost));
        }
    }

    [Fact]
    public async Task Gb_month_usage_never_counts_as_running_hours()
    {
        var d = await Decompose(CostType.Amortized);
        var all = d.AllResources().ToDictionary(r => r.ResourceId);
        Assert.Equal(CauseKind.UsageChange, all["vol-half"].Cause);
        Assert.Contains("EBS:VolumeUsage.gp3: 74.4 GB-Mo in the period vs 37.2 GB-Mo", all["vol-half"].Evidence[0].Summary);
        Assert.DoesNotContain(d.AllResources(), r => r.CauseParts.Any(p => p.Cause == CauseKind.RanLonger));
    }

    [Fact]
    public async Task Snapshots_of_a_deleted_volume_are_orphaned_through_their_relationships()
    {
        var d = await Decompose(CostType.Amortized);
        var orphaned = d.Causes.Single(c => c.Cause == CauseKind.Orphaned);
        Assert.Equal(["snap-1", "snap-2", "snap-3"], orphaned.ResourceIds.Order());
        Assert.Equal("service AmazonEBS kept paying for 3 snapshots of deleted volumes (+$4.65)", orphaned.Description);
        var snap = d.AllResources().First(r => r.ResourceId == "snap-1");
        Assert.Equal("snapshot of vol-del, deleted 2025-11-25", snap.Evidence[0].Summary);
    }

    [Fact]
    public async Task Id_less_lines_are_named_pseudo_resources_and_no_description_has_a_blank_noun()
    {
        var d = await Decompose(CostType.Unblended);
        var ids = d.AllResources().Select(r => r.ResourceId).ToHashSet();
        Assert.Contains(RiFee, ids);
        Assert.Contains(Tax, ids);
        Assert.DoesNotContain("", ids);
        var tax = d.Causes.Single(c => c.Cause == CauseKind.Tax);
        Assert.Equal("service AmazonEC2 paid more tax (1 billing line) (+$4.50)", tax.Description);
        Assert.All(d.Causes, c => Assert.DoesNotMatch(@"\d \(|\d \)|  ", c.Description.Replace("(+", "").Replace("(-", "")));
    }

    private sealed record MonthType(DateTime Month, string LineItemType, decimal Cost, decimal Amortized, decimal NetAmortized);

    [Fact]
    public async Task Cost_types_match_an_independent_computation_per_month_and_line_item_type()
    {
        var expected = estate.Lines
            .GroupBy(l => (Month: new DateTime(l.Hour.Year, l.Hour.Month, 1, 0, 0, 0, DateTimeKind.Utc), l.LineItemType))
            .ToDictionary(g => g.Key, g => (Cost: g.Sum(l => l.Cost), Amortized: g.Sum(Amortized), Net: g.Sum(NetAmortized)));
        var got = (await estate.Ch.QueryAsync<MonthType>("""
            SELECT toDateTime(toStartOfMonth(day), 'UTC') AS month, toString(line_item_type) AS line_item_type,
                   sum(cost) AS cost, sum(amortized_cost) AS amortized, sum(net_amortized_cost) AS net_amortized
            FROM cost_rollup_daily GROUP BY month, line_item_type
            """)).ToDictionary(m => (m.Month, m.LineItemType));
        Assert.Equal(expected.Keys.Order(), got.Keys.Order());
        foreach (var (key, e) in expected)
            Assert.Equal((key, e.Cost, e.Amortized, e.Net), (key, got[key].Cost, got[key].Amortized, got[key].NetAmortized));

        var q = new CostQueries(estate.Ch);
        foreach (var month in new[] { November, December })
        {
            var lines = expected.Where(e => e.Key.Month == month.Start).Select(e => e.Value).ToList();
            Assert.Equal(lines.Sum(l => l.Cost), await q.TotalAsync(month, costType: CostType.Unblended));
            Assert.Equal(lines.Sum(l => l.Amortized), await q.TotalAsync(month));
            Assert.Equal(lines.Sum(l => l.Net), await q.TotalAsync(month, costType: CostType.NetAmortized));
        }
    }

    /// <summary>AWS's amortization per line item type (Cloud Intelligence Dashboards summary_view), written out again.</summary>
    private static decimal Amortized(BillLine l) => l.LineItemType switch
    {
        "SavingsPlanCoveredUsage" => l.SavingsPlanEffectiveCost ?? 0,
        "SavingsPlanRecurringFee" => (l.SavingsPlanTotalCommitmentToDate ?? 0) - (l.SavingsPlanUsedCommitment ?? 0),
        "SavingsPlanNegation" or "SavingsPlanUpfrontFee" => 0,
        "DiscountedUsage" => l.ReservationEffectiveCost ?? 0,
        "RIFee" => (l.ReservationUnusedAmortizedUpfrontFee ?? 0) + (l.ReservationUnusedRecurringFee ?? 0),
        "Fee" when l.CommitmentArn != "" => 0,
        _ => l.Cost,
    };

    private static decimal NetAmortized(BillLine l) => l.LineItemType switch
    {
        "SavingsPlanCoveredUsage" => l.SavingsPlanNetEffectiveCost ?? l.SavingsPlanEffectiveCost ?? 0,
        "DiscountedUsage" => l.ReservationNetEffectiveCost ?? l.ReservationEffectiveCost ?? 0,
        "SavingsPlanRecurringFee" or "SavingsPlanNegation" or "SavingsPlanUpfrontFee" or "RIFee" => Amortized(l),
        "Fee" when l.CommitmentArn != "" => 0,
        _ => l.NetUnblendedCost ?? l.Cost,
    };
}
