using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Testing;

/// <summary>
/// Two months of a bill in CUR 2.0 shapes, one story per billing mechanism; baseline November 2025 (720 h), period
/// December 2025 (744 h), so hourly lines are scaled by 31/30 and monthly ones compared per billing period. Every
/// expected amount (<see cref="Expected"/>) is worked out by hand from the rates below:
/// <list type="bullet">
/// <item>i-sp1…i-sp4: m5.large ($0.192/h on demand), covered by Savings Plan sp-1 in November at $0.096/h
/// (SavingsPlanCoveredUsage + SavingsPlanNegation), uncovered in December (the plan expired). Amortized: 744 h ×
/// (0.192 − 0.096) = +71.424 each, coverage lost. Unblended: the usage line is $0.192/h in both months, the negation
/// −$0.192/h disappears: +142.848 each, coverage lost.</item>
/// <item>sp-1 (its ARN): SavingsPlanRecurringFee $0.384/h in November, fully used (amortized 0). Unblended −285.696.</item>
/// <item>i-ri1: covered by RI ri-1 both months (DiscountedUsage, $0 unblended, effective $0.12/h): 0.</item>
/// <item>i-ri2: covered by RI ri-2 in November only (effective $0.12/h, net $0.114/h), on demand $0.192/h in December
/// (net $0.1824/h). Amortized +53.568, net amortized +50.8896, unblended +142.848, coverage lost.</item>
/// <item>RIFee (id-less, one line per RI and month, $0.08/h × hours of the month, fully used): ri-1 57.60 → 59.52,
/// ri-2 57.60 → 0. Unblended −55.68 commitment fee; amortized 0.</item>
/// <item>RI upfront Fee (id-less) $350.40 on Nov 1: unblended −350.40 commitment fee, amortized 0.</item>
/// <item>i-od1: on demand $0.192/h both months: 0; its EdpDiscount line −3 % then −5 %: 744 × (−0.0096 + 0.00576) =
/// −2.85696, discount.</item>
/// <item>i-gone: $0.096/h Nov 1–20, no event: −456 h × 0.096 × 31/30 = −45.2352, stopped being billed on 2025-11-19.</item>
/// <item>i-new: $0.096/h from Dec 10, no event: 528 h → +50.688, launched (first billed).</item>
/// <item>i-rate: 744 h at $0.10 then $0.11/h (a price change, same usage): +7.44, rate change.</item>
/// <item>vol-half: EBS gp3 0.1 GB-Mo/h at $0.08/GB-Mo from Nov 16, all December, no event: +2.976, usage change
/// (GB-months are never running hours).</item>
/// <item>snap-1…snap-3: snapshots of vol-del (deleted Nov 25), 0.05 GB-Mo/h at $0.05/GB-Mo from Nov 26:
/// +1.55 each, orphaned.</item>
/// <item>Credit −50 → −80: −30 credit; Refund none → −20: refund; Tax 30.00 → 34.50: +4.50 tax;
/// support fee (AWSSupportBusiness Fee) $100 both months: 0.</item>
/// </list>
/// </summary>
public sealed class CurEstate : IAsyncLifetime
{
    public static readonly DateTime Nov1 = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Dec1 = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly TimeRange November = TimeRange.Create(Nov1, Dec1);
    public static readonly TimeRange December = TimeRange.Create(Dec1, Jan1);
    public const string Account = "111111111111";
    public const string SpArn = "arn:aws:savingsplans::111111111111:savingsplan/sp-1";
    public const string Ri1 = "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-1";
    public const string Ri2 = "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-2";
    private const string Ec2 = "AmazonEC2", Box = "BoxUsage:m5.large", Heavy = "HeavyUsage:m5.large";

    public static string Pseudo(string service, string lineItemType, string usageType) =>
        $"bill:{service}/{lineItemType}/{usageType}";

    public static readonly string RiFee = Pseudo(Ec2, "RIFee", Heavy);
    public static readonly string UpfrontFee = Pseudo(Ec2, "Fee", Heavy);
    public static readonly string Credit = Pseudo(Ec2, "Credit", "Promotion");
    public static readonly string Refund = Pseudo(Ec2, "Refund", "Refund");
    public static readonly string Tax = Pseudo(Ec2, "Tax", "Tax");
    public static readonly string Support = Pseudo("AWSSupportBusiness", "Fee", "Dollar");

    /// <summary>(resource, cause) → amount, December vs November, per cost type.</summary>
    public static IReadOnlyDictionary<(string Resource, string Cause), decimal> Expected(CostType type)
    {
        var amortized = type != CostType.Unblended;
        var e = new Dictionary<(string, string), decimal>();
        for (var i = 1; i <= 4; i++) e[($"i-sp{i}", CauseKind.CoverageLost)] = amortized ? 71.424m : 142.848m;
        e[("i-ri2", CauseKind.CoverageLost)] = amortized ? (type == CostType.NetAmortized ? 50.8896m : 53.568m) : 142.848m;
        if (!amortized)
        {
            e[(SpArn, CauseKind.CommitmentFee)] = -285.696m;
            e[(RiFee, CauseKind.CommitmentFee)] = -55.68m;
            e[(UpfrontFee, CauseKind.CommitmentFee)] = -350.40m;
        }
        if (type == CostType.NetAmortized)
            for (var i = 1; i <= 4; i++) e[($"i-sp{i}", CauseKind.CoverageLost)] = 744m * (0.192m * 0.95m - 0.0912m);
        e[("i-od1", CauseKind.Discount)] = -2.85696m;
        e[("i-gone", CauseKind.BillingStopped)] = -45.2352m;
        e[("i-new", CauseKind.Launched)] = 50.688m;
        e[("i-rate", CauseKind.RateChange)] = 7.44m;
        e[("vol-half", CauseKind.UsageChange)] = 2.976m;
        for (var i = 1; i <= 3; i++) e[($"snap-{i}", CauseKind.Orphaned)] = 1.55m;
        e[(Credit, CauseKind.Credit)] = -30m;
        e[(Refund, CauseKind.Refund)] = -20m;
        e[(Tax, CauseKind.Tax)] = 4.50m;
        return e;
    }

    public List<BillLine> Lines { get; } = BuildLines();
    public TestDatabase Ch { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ch = await TestDatabase.CreateAsync();
        await Ch.InsertAsync("cost_hourly", Lines);
        await WriteInventoryAsync(Ch);
    }

    /// <summary>The deleted volume and its snapshots' snapshot_of edges (what the EC2 collector would hold).</summary>
    public static async Task WriteInventoryAsync(IClickHouse ch)
    {
        var at = new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var volDeleted = new DateTime(2025, 11, 25, 0, 0, 0, DateTimeKind.Utc);
        await ch.InsertAsync("resource_snapshots", new[]
        {
            new SnapshotRow("vol-del", Account, "us-east-1", "ebs_volume", "scratch", "deleted", "", "", "", new(), new(),
                Nov1.AddDays(-60), volDeleted, 1, at),
        });
        await ch.InsertAsync("resource_relationships", Enumerable.Range(1, 3).Select(i =>
            new RelationshipRow(Account, $"snap-{i}", "snapshot_of", "vol-del", volDeleted, 0, at)));
    }

    public async Task DisposeAsync() => await Ch.DisposeAsync();

    /// <summary>Every line of both months.</summary>
    public static List<BillLine> BuildLines()
    {
        var lines = new List<BillLine>();
        void Hourly(DateTime from, DateTime to, Func<DateTime, BillLine> line)
        {
            for (var h = from; h < to; h = h.AddHours(1)) lines.Add(line(h));
        }

        for (var i = 1; i <= 4; i++)
        {
            var id = $"i-sp{i}";
            Hourly(Nov1, Dec1, h => Line(h, id, Box, 0.192m, 1, "SavingsPlanCoveredUsage", SpArn) with
            {
                NetUnblendedCost = 0.192m,
                SavingsPlanEffectiveCost = 0.096m,
                SavingsPlanNetEffectiveCost = 0.0912m,
            });
            Hourly(Nov1, Dec1, h => Line(h, id, Box, -0.192m, 1, "SavingsPlanNegation", SpArn) with { NetUnblendedCost = -0.192m });
            Hourly(Dec1, Jan1, h => Line(h, id, Box, 0.192m, 1) with { NetUnblendedCost = 0.192m * 0.95m });
        }
        Hourly(Nov1, Dec1, h => Line(h, SpArn, "ComputeSP:1yrNoUpfront", 0.384m, 1, "SavingsPlanRecurringFee", SpArn, "", "") with
        {
            SavingsPlanTotalCommitmentToDate = 0.384m,
            SavingsPlanUsedCommitment = 0.384m,
        });

        Hourly(Nov1, Jan1, h => Line(h, "i-ri1", Box, 0m, 1, "DiscountedUsage", Ri1) with
        {
            NetUnblendedCost = 0m,
            ReservationEffectiveCost = 0.12m,
            ReservationNetEffectiveCost = 0.114m,
        });
        Hourly(Nov1, Dec1, h => Line(h, "i-ri2", Box, 0m, 1, "DiscountedUsage", Ri2) with
        {
            NetUnblendedCost = 0m,
            ReservationEffectiveCost = 0.12m,
            ReservationNetEffectiveCost = 0.114m,
        });
        Hourly(Dec1, Jan1, h => Line(h, "i-ri2", Box, 0.192m, 1) with { NetUnblendedCost = 0.192m * 0.95m });
        foreach (var (arn, month, hours) in new[] { (Ri1, Nov1, 720), (Ri2, Nov1, 720), (Ri1, Dec1, 744) })
            lines.Add(Line(month, "", Heavy, 0.08m * hours, hours, "RIFee", arn) with
            {
                ReservationUnusedAmortizedUpfrontFee = 0m,
                ReservationUnusedRecurringFee = 0m,
            });
        lines.Add(Line(Nov1, "", Heavy, 350.40m, 1, "Fee", Ri1, "", ""));

        Hourly(Nov1, Jan1, h => Line(h, "i-od1", Box, 0.192m, 1));
        Hourly(Nov1, Dec1, h => Line(h, "i-od1", Box, -0.00576m, 0, "EdpDiscount", "", "", ""));
        Hourly(Dec1, Jan1, h => Line(h, "i-od1", Box, -0.0096m, 0, "EdpDiscount", "", "", ""));

        Hourly(Nov1, Nov1.AddHours(456), h => Line(h, "i-gone", "BoxUsage:t3.large", 0.096m, 1));
        Hourly(Dec1.AddDays(9), Jan1, h => Line(h, "i-new", "BoxUsage:t3.large", 0.096m, 1));
        Hourly(Nov1, Dec1, h => Line(h, "i-rate", "BoxUsage:t3.medium", 0.10m, 1));
        Hourly(Dec1, Jan1, h => Line(h, "i-rate", "BoxUsage:t3.medium", 0.11m, 1));
        Hourly(Nov1.AddDays(15), Jan1, h => Line(h, "vol-half", "EBS:VolumeUsage.gp3", 0.008m, 0.1, "Usage", "", "GB-Mo", "ebs_volume", "AmazonEBS"));
        for (var i = 1; i <= 3; i++)
        {
            var id = $"snap-{i}";
            Hourly(Nov1.AddDays(25), Jan1, h => Line(h, id, "EBS:SnapshotUsage", 0.0025m, 0.05, "Usage", "", "GB-Mo", "ebs_snapshot", "AmazonEBS"));
        }

        lines.Add(Line(Nov1, "", "Promotion", -50m, 0, "Credit", "", "", ""));
        lines.Add(Line(Dec1, "", "Promotion", -80m, 0, "Credit", "", "", ""));
        lines.Add(Line(Dec1.AddDays(14), "", "Refund", -20m, 0, "Refund", "", "", ""));
        lines.Add(Line(Nov1, "", "Tax", 30m, 0, "Tax", "", "", ""));
        lines.Add(Line(Dec1, "", "Tax", 34.50m, 0, "Tax", "", "", ""));
        lines.Add(Line(Nov1, "", "Dollar", 100m, 0, "Fee", "", "", "", "AWSSupportBusiness"));
        lines.Add(Line(Dec1, "", "Dollar", 100m, 0, "Fee", "", "", "", "AWSSupportBusiness"));
        return lines;
    }

    private static BillLine Line(DateTime hour, string resourceId, string usageType, decimal cost, double usage,
        string lineItemType = "Usage", string commitmentArn = "", string unit = "Hrs", string resourceType = "ec2_instance",
        string service = Ec2) =>
        new(hour, Account, "us-east-1", service, usageType, resourceId, resourceId == "" ? "" : resourceType, "", "", "",
            cost, usage, "cur", lineItemType, unit, commitmentArn);
}
