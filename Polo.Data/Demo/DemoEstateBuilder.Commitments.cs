using Polo.Data.Analysis;
using static Polo.Data.Demo.DemoCatalog;

namespace Polo.Data.Demo;

/// <summary>
/// The bill's own mechanics in the demo estate, in real CUR shapes: a Savings Plan that expires, a reserved instance
/// bought mid-window (upfront Fee, monthly RIFee, DiscountedUsage), monthly tax, support fee and credits, and an S3
/// bucket billed in GB-Mo that only the bill knows. Commitment causes are measured in amortized cost (the default).
/// </summary>
internal sealed partial class DemoEstateBuilder
{
    /// <summary>Compute Savings Plan rate for the staging m5.xlarge nodes (on demand $0.192/h).</summary>
    public const decimal SavingsPlanRate = 0.12m;

    /// <summary>Partial-upfront RI for the dev m5.large nodes (on demand $0.096/h): amortized upfront + recurring per hour.</summary>
    public const decimal RiUpfrontPerHour = 0.03m, RiRecurringPerHour = 0.03m;

    /// <summary>The staging cluster's 4 permanent nodes were covered by a 1-year Compute Savings Plan that expires
    /// 8 days before the end: their amortized cost rises from the plan's $0.12/h to on demand $0.192/h.</summary>
    private void InjectSavingsPlanExpiry()
    {
        var account = Accounts[7];
        var arn = $"arn:aws:savingsplans::{account.Id}:savingsplan/3f9d5c1e-demo-staging";
        var expires = DaysBeforeEnd(Math.Min(8, _o.Days / 4.0)).Date;
        var nodes = Resources.Where(r => r.Type == "ec2_instance" && r.Placement.Cluster == "staging"
                                         && !r.Name.Contains("-tmp-", StringComparison.Ordinal)).ToList();
        foreach (var node in nodes)
        {
            node.ChangeFrom(expires, p => p);
            var covered = node.Pieces.Where(p => p.To <= expires && p.UsageType.StartsWith("BoxUsage:", StringComparison.Ordinal)).ToList();
            foreach (var p in covered)
            {
                node.Pieces.Remove(p);
                node.Pieces.Add(p with
                {
                    Billing = new("SavingsPlanCoveredUsage", "Hrs", arn, PublicOnDemandCost: p.HourlyCost,
                    SavingsPlanEffectiveCost: SavingsPlanRate)
                });
                node.Pieces.Add(p with { HourlyCost = -p.HourlyCost, Billing = new("SavingsPlanNegation", "Hrs", arn) });
            }
        }
        var commitment = SavingsPlanRate * nodes.Count;
        var plan = BillOnlyDraft(arn, new Placement(account, "", "", ""));
        plan.Pieces.Add(new CostPiece(plan.Placement, "ComputeSavingsPlans", "ComputeSP:1yrNoUpfront", _start, expires, commitment, 1,
            Billing: new("SavingsPlanRecurringFee", "", arn, SavingsPlanTotalCommitmentToDate: commitment,
                SavingsPlanUsedCommitment: commitment)));
        var len = _end - expires;
        Causes.Add(new PlannedCause(DemoCommitmentCauses.SavingsPlanExpired, DemoCommitmentCauses.CoverageLost,
            $"{nodes.Count} staging nodes lost Savings Plan coverage on {expires:yyyy-MM-dd}: $0.12 → $0.192/h each",
            $"account:{account.Id}", nodes.Select(n => n.Id).ToList(), new TimeRange(expires - len, expires), new TimeRange(expires, _end)));
    }

    /// <summary>Reserved instances bought for the 3 dev nodes 20 days before the end: an upfront Fee that day, a monthly
    /// RIFee, and DiscountedUsage ($0 unblended) at an effective $0.06/h instead of on demand $0.096/h.</summary>
    private void InjectReservedInstancePurchase()
    {
        var account = Accounts[9];
        var arn = $"arn:aws:ec2:{account.Region}:{account.Id}:reserved-instances/7c1e04b2-demo-dev";
        var bought = DaysBeforeEnd(Math.Min(20, _o.Days / 3.0)).Date;
        var nodes = Resources.Where(r => r.Type == "ec2_instance" && r.Placement.Cluster == "dev"
                                         && !r.Name.Contains("-tmp-", StringComparison.Ordinal)).ToList();
        foreach (var node in nodes)
            node.ChangeFrom(bought, p => p.UsageType.StartsWith("BoxUsage:", StringComparison.Ordinal)
                ? p with
                {
                    HourlyCost = 0,
                    Billing = new("DiscountedUsage", "Hrs", arn, PublicOnDemandCost: p.HourlyCost,
                        ReservationEffectiveCost: RiUpfrontPerHour + RiRecurringPerHour),
                }
                : p);

        var fees = BillOnlyDraft("", new Placement(account, "", "", ""));
        var upfront = RiUpfrontPerHour * nodes.Count * 24 * 365;
        fees.Pieces.Add(new CostPiece(fees.Placement, "AmazonEC2", "HeavyUsage:m5.large", bought, bought.AddHours(1), upfront, 1,
            Billing: new("Fee", "", arn)));
        for (var month = bought; month < _end; month = FirstOfNextMonth(month))
        {
            var hours = (decimal)((FirstOfNextMonth(month) < _end ? FirstOfNextMonth(month) : _end) - month).TotalHours;
            fees.Pieces.Add(new CostPiece(fees.Placement, "AmazonEC2", "HeavyUsage:m5.large", month, month.AddHours(1),
                RiRecurringPerHour * nodes.Count * hours, (double)(hours * nodes.Count),
                Billing: new("RIFee", "Hrs", arn, ReservationUnusedAmortizedUpfrontFee: 0, ReservationUnusedRecurringFee: 0)));
        }
        var len = TimeSpan.FromDays(Math.Min(7, (_end - bought).TotalDays));
        Causes.Add(new PlannedCause(DemoCommitmentCauses.ReservedInstancesBought, DemoCommitmentCauses.CoverageGained,
            $"{nodes.Count} dev nodes covered by reserved instances from {bought:yyyy-MM-dd}: $0.096 → $0.06/h each",
            $"account:{account.Id}", nodes.Select(n => n.Id).ToList(), new TimeRange(bought - len, bought), new TimeRange(bought, bought + len)));
    }

    /// <summary>Once per billing period in the window, at its first hour: tax (rising), the Business support fee
    /// (unchanged) and a promotional credit (larger in the last month), id-less as in a real bill.</summary>
    private void AddMonthlyCharges()
    {
        var payer = new Placement(Accounts[5], "", "", "");
        var tax = BillOnlyDraft("", payer);
        var k = 0;
        for (var month = FirstOfNextMonth(_start.AddTicks(-1)); month < _end; month = FirstOfNextMonth(month), k++)
        {
            var last = FirstOfNextMonth(month) >= _end;
            tax.Pieces.Add(new CostPiece(payer, "AmazonEC2", "Tax", month, month.AddHours(1), 310m + 25m * k, 0, Billing: new("Tax", "")));
            tax.Pieces.Add(new CostPiece(payer, "AWSSupportBusiness", "Dollar", month, month.AddHours(1), 100m, 0, Billing: new("Fee", "")));
            tax.Pieces.Add(new CostPiece(payer, "AmazonEC2", "Promotion", month, month.AddHours(1), last ? -250m : -150m, 0,
                Billing: new("Credit", "")));
        }
    }

    /// <summary>A log archive bucket billed in GB-months (never running hours), known only from the bill.</summary>
    private void AddBillOnlyBucket()
    {
        var archive = new Placement(Accounts[14], "", "", "");
        var bucket = BillOnlyDraft("polo-demo-log-archive", archive);
        const int gb = 5000;
        bucket.Pieces.Add(new CostPiece(archive, "AmazonS3", "TimedStorage-ByteHrs", _start, _end, PerHour(0.023m, gb), gb / 730.0,
            Billing: new("Usage", "GB-Mo")));
    }

    private ResourceDraft BillOnlyDraft(string id, Placement p)
    {
        var draft = new ResourceDraft(id, "", p, _start);
        BillOnly.Add(draft);
        return draft;
    }

    private static DateTime FirstOfNextMonth(DateTime t) => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
}
