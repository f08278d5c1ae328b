using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Vocabulary;
using Xunit.Abstractions;

namespace Polo.Collection.Tests.SampleCur;

/// <summary>
/// A public sample bill Polo did not write: AWS Well-Architected Labs' "WorkshopCUR" (Oct–Dec 2018, legacy Parquet,
/// 334,911 lines, 2 accounts, MIT-0). The files are not committed (4 MB); put
/// <c>Oct2018-WorkshopCUR-00001.snappy.parquet</c>, <c>Nov2018-…</c>, <c>Dec2018-…</c> in <c>.sample-cur/workshop/</c>
/// at the repository root (or point <c>POLO_SAMPLE_CUR</c> at their folder); without them these tests are skipped.
/// They run the real <c>cur</c> collector, then decompose each pair of consecutive months: at most 2 % of the moved
/// dollars may stay unexplained.
/// </summary>
public sealed class WorkshopCurTests(ITestOutputHelper output) : FreshDatabase
{
    private static readonly CollectorScope Org = new("*", "us-east-1", null);

    public static string? Folder
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("POLO_SAMPLE_CUR");
            if (string.IsNullOrEmpty(dir))
            {
                for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                    if (Directory.Exists(Path.Combine(d.FullName, ".sample-cur", "workshop"))) { dir = Path.Combine(d.FullName, ".sample-cur", "workshop"); break; }
            }
            return dir is not null && Directory.Exists(dir) && Directory.GetFiles(dir, "*WorkshopCUR*.parquet").Length == 3 ? dir : null;
        }
    }

    private static DateTime Month(int m) => new(2018, m, 1, 0, 0, 0, DateTimeKind.Utc);

    [SampleCurFact]
    public async Task Each_pair_of_consecutive_months_leaves_at_most_two_percent_of_the_moved_dollars_unexplained()
    {
        var outcome = await new CurCollector(Ch, new CurOptions { Folder = Folder! }).RunAsync(Org, default);
        output.WriteLine($"cur: {outcome.Rows} rows; {outcome.Detail}");
        Assert.Contains("334,911 lines", outcome.Detail);
        var billed = await Ch.ScalarAsync<decimal>($"SELECT toDecimal64(round(sum(line_item_unblended_cost), 2), 2) FROM file('{Folder}/*.parquet', Parquet)");
        var ledger = await Ch.ScalarAsync<decimal>("SELECT toDecimal64(round(sum(cost), 2), 2) FROM cost_hourly");
        Assert.InRange(ledger - billed, -0.01m, 0.01m); // lines are stored to 6 decimals; the files hold doubles

        foreach (var m in new[] { 11, 12 })
        {
            var baseline = TimeRange.Create(Month(m - 1), Month(m));
            var period = TimeRange.Create(Month(m), m == 12 ? new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc) : Month(m + 1));
            foreach (var type in new[] { CostType.Amortized, CostType.Unblended })
            {
                var d = await new DeltaDecomposer(Ch).DecomposeAsync(baseline, period, Grouping.Service, costType: type);
                var share = d.Moved == 0 ? 0 : d.UnexplainedMoved / d.Moved;
                output.WriteLine($"{period.Start:MMM} vs {baseline.Start:MMM} ({type}): delta {d.Delta:N2}, moved {d.Moved:N2}, " +
                                 $"unexplained {d.UnexplainedMoved:N2} ({share:P2})");
                foreach (var c in d.Causes.OrderByDescending(c => Math.Abs(c.Amount)).Take(12))
                    output.WriteLine($"  {c.Cause,-16} {c.Amount,12:N2}  {c.Description}");
                Assert.Equal(d.Delta, d.Causes.Sum(c => c.Amount));
                Assert.Equal(d.Delta, d.Nodes.Sum(n => n.Delta));
                Assert.True(share <= 0.02m, $"{period.Start:MMM} vs {baseline.Start:MMM} ({type}): {share:P2} of the moved dollars unexplained");
                Assert.DoesNotContain(d.Causes, c => c.Cause == CauseKind.Launched && c.ResourceIds.Any(id => id.Contains("/RIFee/", StringComparison.Ordinal)));
            }
        }

        // The biggest daily jump of November: Nov 1 against Oct 31 is the month's RI fee, billed once per billing
        // period: a commitment fee, never a launch.
        var jump = await new DeltaDecomposer(Ch).DecomposeAsync(TimeRange.Create(Month(11).AddDays(-1), Month(11)),
            TimeRange.Create(Month(11), Month(11).AddDays(1)), Grouping.Service, costType: CostType.Unblended);
        var fee = jump.Causes.Where(c => c.ResourceIds.Any(id => id.Contains("/RIFee/", StringComparison.Ordinal))).ToList();
        output.WriteLine(string.Join("\n", fee.Select(c => $"Nov 1 vs Oct 31: {c.Cause} {c.Amount:N2} {c.Description}")));
        Assert.Equal(CauseKind.CommitmentFee, Assert.Single(fee).Cause);
        Assert.Equal(147.38m, Math.Round(fee[0].Amount, 2));
    }
}

/// <summary>A fact that runs only when the public sample CUR files are present (see <see cref="WorkshopCurTests"/>).</summary>
public sealed class SampleCurFactAttribute : FactAttribute
{
    public SampleCurFactAttribute()
    {
        if (WorkshopCurTests.Folder is null)
            Skip = "public sample CUR not present: put the three WorkshopCUR Parquet files in .sample-cur/workshop/ (or set POLO_SAMPLE_CUR)";
    }
}
