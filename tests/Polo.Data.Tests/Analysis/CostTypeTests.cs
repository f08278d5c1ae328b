using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis;

/// <summary>The cost type: URL form, and every query reading the column of the type asked for.</summary>
public sealed class CostTypeTests
{
    [Theory]
    [InlineData(null, CostType.Amortized)]
    [InlineData("", CostType.Amortized)]
    [InlineData("unblended", CostType.Unblended)]
    [InlineData("Amortized", CostType.Amortized)]
    [InlineData(" net-amortized ", CostType.NetAmortized)]
    public void Url_values_parse(string? value, CostType expected) => Assert.Equal(expected, CostTypes.Parse(value));

    [Fact]
    public void Every_type_round_trips_and_an_unknown_value_is_a_clear_error()
    {
        foreach (var t in CostTypes.All) Assert.Equal(t, CostTypes.Parse(t.ToUrl()));
        Assert.False(CostTypes.TryParse("blended", out _));
        var e = Assert.Throws<ArgumentException>(() => CostTypes.Parse("blended"));
        Assert.Contains("unblended, amortized or net-amortized", e.Message);
        Assert.Equal(CostType.Amortized, CostTypes.Default);
        Assert.Equal(["cost", "amortized_cost", "net_amortized_cost"], CostTypes.All.Select(t => t.Column()));
    }

    [Fact]
    public async Task Totals_series_breakdowns_and_the_decomposition_read_the_cost_type_asked_for()
    {
        await using var ch = await TestDatabase.CreateAsync();
        // One Savings-Plan-covered hour a day for 2 days: unblended 0.096 + negation -0.096 + fee 0.10 = 0.10;
        // amortized = effective 0.06 + unused commitment 0.04 = 0.10 on day 1; day 2 the plan covers nothing (on demand).
        await ch.ExecuteAsync("""
            INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount,
                source, line_item_type, pricing_unit, commitment_arn, net_unblended_cost, savings_plan_effective_cost,
                savings_plan_net_effective_cost, savings_plan_total_commitment_to_date, savings_plan_used_commitment)
            VALUES
            ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','i-1','ec2_instance',0.096,1,'cur','SavingsPlanCoveredUsage','Hrs','arn:sp',0.096,0.06,0.05,NULL,NULL),
            ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','i-1','ec2_instance',-0.096,0,'cur','SavingsPlanNegation','Hrs','arn:sp',-0.096,NULL,NULL,NULL,NULL),
            ('2025-03-01 00:00:00','111','us-east-1','ComputeSavingsPlans','ComputeSP:1yrNoUpfront','arn:sp','',0.10,1,'cur','SavingsPlanRecurringFee','','arn:sp',0.09,NULL,NULL,0.10,0.06),
            ('2025-03-02 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','i-1','ec2_instance',0.096,1,'cur','Usage','Hrs','',0.08,NULL,NULL,NULL,NULL)
            """);
        var q = new CostQueries(ch);
        var days = TimeRange.Create(new DateTime(2025, 3, 1), new DateTime(2025, 3, 3));
        Assert.Equal(0.196m, await q.TotalAsync(days, costType: CostType.Unblended));
        Assert.Equal(0.196m, await q.TotalAsync(days));
        Assert.Equal(0.17m, await q.TotalAsync(days, costType: CostType.NetAmortized));
        var hours = TimeRange.Create(new DateTime(2025, 3, 1), new DateTime(2025, 3, 1, 1, 0, 0));
        Assert.Equal(0.06m, await q.TotalAsync(hours, new CostFilter(ResourceId: "i-1")));
        Assert.Equal(0m, await q.TotalAsync(hours, new CostFilter(ResourceId: "i-1"), CostType.Unblended));
        Assert.Equal([0.06m], (await q.HourlyAsync(hours, new CostFilter(ResourceId: "i-1"))).Select(p => p.Cost));
        Assert.Equal([0.06m, 0.096m], (await q.DailyAsync(days, new CostFilter(ResourceId: "i-1"))).Select(p => p.Cost));
        Assert.Equal([0.05m, 0.08m],
            (await q.DailyAsync(days, new CostFilter(ResourceId: "i-1"), CostType.NetAmortized)).Select(p => p.Cost));

        var breakdown = await q.BreakdownAsync(TimeRange.Create(new DateTime(2025, 3, 2), new DateTime(2025, 3, 3)),
            Grouping.Service);
        Assert.Equal([("service:AmazonEC2", 0.096m, 0.06m), ("service:ComputeSavingsPlans", 0m, 0.04m)],
            breakdown.Select(g => (g.Key, g.Cost, g.PreviousCost)));

        var d = await new DeltaDecomposer(ch).DecomposeAsync(
            TimeRange.Create(new DateTime(2025, 3, 1), new DateTime(2025, 3, 2)),
            TimeRange.Create(new DateTime(2025, 3, 2), new DateTime(2025, 3, 3)), Grouping.Service, costType: CostType.Unblended);
        Assert.Equal(CostType.Unblended, d.CostType);
        Assert.Equal((0.10m, 0.096m), (d.BaselineCost, d.PeriodCost));
        var amortized = await new DeltaDecomposer(ch).DecomposeAsync(
            TimeRange.Create(new DateTime(2025, 3, 1), new DateTime(2025, 3, 2)),
            TimeRange.Create(new DateTime(2025, 3, 2), new DateTime(2025, 3, 3)), Grouping.Service);
        Assert.Equal((0.10m, 0.096m), (amortized.BaselineCost, amortized.PeriodCost));
        Assert.Equal(0.036m, amortized.Nodes.Single(n => n.NodeId == "service:AmazonEC2").Delta);
        Assert.Equal(0.096m, d.Nodes.Single(n => n.NodeId == "service:AmazonEC2").Delta);
    }
}
