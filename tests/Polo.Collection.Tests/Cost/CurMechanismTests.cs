using System.Globalization;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// The mechanism estate (<see cref="CurEstate"/>) written as a CUR 2.0 CSV in AWS's column names and run through the
/// real <c>cur</c> collector: December vs November attributes every mechanism to the cent, nothing to a wrong cause.
/// </summary>
public sealed class CurMechanismTests : FreshDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur-mech-").FullName;

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    private static string N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static CurTable Table()
    {
        var t = new CurTable(Cur2Bill.Columns);
        var n = 0;
        foreach (var l in CurEstate.BuildLines())
        {
            var period = new DateTime(l.Hour.Year, l.Hour.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var sp = l.LineItemType.StartsWith("SavingsPlan", StringComparison.Ordinal);
            t.Row(("identity_line_item_id", $"li-{++n:D6}"),
                ("identity_time_interval", $"{CurTable.Iso(l.Hour)}/{CurTable.Iso(l.Hour.AddHours(1))}"),
                ("bill_billing_period_start_date", CurTable.Iso(period)), ("bill_billing_period_end_date", CurTable.Iso(period.AddMonths(1))),
                ("bill_payer_account_id", l.AccountId), ("line_item_usage_account_id", l.AccountId),
                ("line_item_line_item_type", l.LineItemType), ("line_item_usage_start_date", CurTable.Iso(l.Hour)),
                ("line_item_usage_end_date", CurTable.Iso(l.Hour.AddHours(1))),
                ("line_item_product_code", l.Service == "AmazonEBS" ? "AmazonEC2" : l.Service),
                ("line_item_usage_type", l.UsageType), ("line_item_resource_id", l.ResourceId),
                ("line_item_usage_amount", l.UsageAmount.ToString(CultureInfo.InvariantCulture)), ("line_item_currency_code", "USD"),
                ("line_item_unblended_cost", N(l.Cost)), ("line_item_net_unblended_cost", N(l.NetUnblendedCost)),
                ("pricing_unit", l.PricingUnit), ("product_region_code", l.Region),
                ("reservation_reservation_a_r_n", sp ? "" : l.CommitmentArn),
                ("savings_plan_savings_plan_a_r_n", sp ? l.CommitmentArn : ""),
                ("reservation_effective_cost", N(l.ReservationEffectiveCost)),
                ("reservation_net_effective_cost", N(l.ReservationNetEffectiveCost)),
                ("reservation_unused_amortized_upfront_fee_for_billing_period", N(l.ReservationUnusedAmortizedUpfrontFee)),
                ("reservation_unused_recurring_fee", N(l.ReservationUnusedRecurringFee)),
                ("savings_plan_savings_plan_effective_cost", N(l.SavingsPlanEffectiveCost)),
                ("savings_plan_net_savings_plan_effective_cost", N(l.SavingsPlanNetEffectiveCost)),
                ("savings_plan_total_commitment_to_date", N(l.SavingsPlanTotalCommitmentToDate)),
                ("savings_plan_used_commitment", N(l.SavingsPlanUsedCommitment)));
        }
        return t;
    }

    [Theory]
    [InlineData(CostType.Amortized)]
    [InlineData(CostType.Unblended)]
    [InlineData(CostType.NetAmortized)]
    public async Task The_cur_collector_lands_the_estate_and_every_mechanism_is_attributed_to_the_cent(CostType type)
    {
        Table().WriteCsv(Path.Combine(_folder, "mech-00001.csv"));
        await new CurCollector(Ch, new CurOptions { Folder = _folder }).RunAsync(new CollectorScope("*", "us-east-1", null), default);
        await CurEstate.WriteInventoryAsync(Ch);

        var d = await new DeltaDecomposer(Ch).DecomposeAsync(CurEstate.November, CurEstate.December, Grouping.Service, costType: type);
        var expected = CurEstate.Expected(type);
        var got = d.AllResources().SelectMany(r => r.CauseParts.Select(p => (Key: (r.ResourceId, p.Cause), p.Amount)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        var wrong = got.Where(g => !expected.ContainsKey(g.Key)).ToList();
        Assert.True(wrong.Count == 0, "under a wrong cause: " + string.Join(", ", wrong.Select(w => $"{w.Key} {w.Value}")));
        foreach (var (key, amount) in expected)
            Assert.True(got.TryGetValue(key, out var actual) && Math.Abs(actual - amount) < 0.000002m, $"{key}: expected {amount}, got {actual}");
        Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
        Assert.Equal(0m, d.UnexplainedMoved);
    }
}
