using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;
using Polo.Data;

namespace Polo.Collection.Tests.Cost;

/// <summary>Whole-period restatements: a refresh replaces its (export, billing period) exactly.</summary>
public sealed class CurRestatementTests : FreshDatabase
{
    private static readonly CollectorScope Org = new("*", "us-east-1", null);
    private static readonly DateTime March = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime April = March.AddMonths(1);
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur-restate-").FullName;

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    private Task<CollectorOutcome> RunAsync() => new CurCollector(Ch, new CurOptions { Folder = _folder }).RunAsync(Org, default);

    private static List<CurLine> FirstBill() =>
    [
        new(March.AddHours(1), "i-0aaa", 10m, Customer: "acme"),
        new(March.AddHours(1), "i-0bbb", 5m, Customer: "acme"),
        new(March.AddHours(2), "i-0aaa", 10m, Customer: "acme"),
        new(March.AddHours(2), "i-0ccc", 2.5m),
        new(March.AddHours(3), "", 1.25m, Type: "Tax", UsageType: ""),
    ];

    /// <summary>The refresh: i-0ccc vanished, hour 2 of i-0aaa moved to i-0bbb, tax restated, a credit appeared.</summary>
    private static List<CurLine> Restated() =>
    [
        new(March.AddHours(1), "i-0aaa", 10m, Customer: "acme"),
        new(March.AddHours(1), "i-0bbb", 5m, Customer: "acme"),
        new(March.AddHours(2), "i-0bbb", 10m, Customer: "globex"),
        new(March.AddHours(3), "", 1.5m, Type: "Tax", UsageType: ""),
        new(March.AddHours(3), "", -0.75m, Type: "Credit", UsageType: ""),
    ];

    private async Task<Dictionary<string, decimal>> LedgerByKeyAsync() =>
        (await Ch.QueryAsync<KeyCost>("""
            SELECT concat(toString(hour), '|', resource_id, '|', toString(customer), '|', toString(line_item_type)) AS k,
                   toDecimal64(sum(cost), 6) AS cost
            FROM cost_hourly GROUP BY k HAVING cost != 0
            """)).ToDictionary(r => r.K, r => r.Cost);

    private static Dictionary<string, decimal> Expected(IEnumerable<CurLine> lines) =>
        lines.GroupBy(l => $"{l.Hour:yyyy-MM-dd HH:mm:ss}|{l.Resource}|{l.Customer ?? ""}|{l.Type}")
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Cost));

    [Fact]
    public async Task A_cur2_refresh_replaces_the_period_reversing_vanished_keys_and_moving_cost_between_resources()
    {
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [FirstBill()], "exec-1");
        await RunAsync();
        Assert.Equal(Expected(FirstBill()), await LedgerByKeyAsync());

        // The refresh arrives as two new part files; the old part is still in the folder but the manifest no longer lists it.
        var restated = Restated();
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [restated.Take(2).ToList(), restated.Skip(2).ToList()], "exec-2");
        var outcome = await RunAsync();

        Assert.Equal(Expected(restated), await LedgerByKeyAsync());
        Assert.Equal(0m, await SumCostAsync("resource_id = 'i-0ccc'"));
        Assert.Equal(15m, await SumCostAsync("resource_id = 'i-0bbb'"));
        Assert.Equal(10m, await SumCostAsync("resource_id = 'i-0aaa'"));
        Assert.Equal(restated.Sum(l => l.Cost), await SumCostAsync());
        Assert.Equal(restated.Sum(l => l.Cost), await Ch.ScalarAsync<decimal>("SELECT toDecimal64(sum(cost), 6) FROM cost_rollup_daily"));
        // Differences only: i-0aaa and i-0ccc hour 2 reversed, i-0bbb hour 2 under globex, tax +0.25, the credit.
        Assert.Equal(5, outcome.Rows);

        var again = await new CurCollector(Ch, new CurOptions { Folder = _folder, SkipProcessedFiles = false }).RunAsync(Org, default);
        Assert.Equal(0, again.Rows);
    }

    [Fact]
    public async Task A_refresh_that_adds_a_day_writes_only_that_day_and_keeps_every_other_day_as_it_was()
    {
        // Month to date over three days; the refresh repeats them unchanged and adds a fourth (AWS's daily refresh).
        var days = Enumerable.Range(0, 3).SelectMany(d => new List<CurLine>
        {
            new(March.AddDays(d).AddHours(1), "i-0aaa", 10m + d, Customer: "acme"),
            new(March.AddDays(d).AddHours(2), "i-0bbb", 5m, Customer: "globex"),
        }).ToList();
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [days], "exec-1");
        await RunAsync();
        var before = await Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly");

        var fourth = new CurLine(March.AddDays(3).AddHours(1), "i-0aaa", 13m, Customer: "acme");
        var refreshed = days.Append(fourth).ToList();
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [refreshed], "exec-2");
        var outcome = await RunAsync();

        Assert.Equal(Expected(refreshed), await LedgerByKeyAsync());
        Assert.Equal(1, outcome.Rows);
        Assert.Equal(before + 1, await Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly"));

        // A change of the same amount between two resources of one day is still found and moved.
        var moved = refreshed.Select(l => l.Hour == March.AddDays(1).AddHours(2) ? l with { Resource = "i-0ccc" } : l).ToList();
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [moved], "exec-3");
        var third = await RunAsync();

        Assert.Equal(Expected(moved), await LedgerByKeyAsync());
        Assert.Equal(2, third.Rows);
    }

    [Fact]
    public async Task A_period_waits_until_every_file_its_manifest_lists_is_present()
    {
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [FirstBill()], "exec-1");
        await RunAsync();
        var keys = await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [Restated().Take(2).ToList(), Restated().Skip(2).ToList()], "exec-2");
        var second = Path.Combine(_folder, "polo", "data", "BILLING_PERIOD=2025-03", Path.GetFileName(keys[1]));
        var parked = second + ".partial";
        File.Move(second, parked);

        var waiting = await RunAsync();

        Assert.Equal(0, waiting.Rows);
        Assert.Contains("1 waiting for files", waiting.Detail);
        Assert.Equal(Expected(FirstBill()), await LedgerByKeyAsync());

        File.Move(parked, second);
        await RunAsync();
        Assert.Equal(Expected(Restated()), await LedgerByKeyAsync());
    }

    [Fact]
    public async Task A_legacy_csv_report_is_replaced_by_its_newest_assembly()
    {
        CurExports.DeliverLegacy(_folder, "polo-legacy", March, FirstBill(), "assembly-1");
        await RunAsync();
        Assert.Equal(Expected(FirstBill()), await LedgerByKeyAsync());
        Assert.Equal(1, await CountAsync("SELECT count() FROM cost_hourly WHERE resource_id = 'i-0aaa' AND pricing_unit = 'Hrs' AND currency = 'USD' AND region = 'us-east-1' AND billed_tags['polo:customer'] = 'acme' AND billed_tags['Name'] = 'node' AND hour = '2025-03-01 01:00:00'"));

        CurExports.DeliverLegacy(_folder, "polo-legacy", March, Restated(), "assembly-2");
        await RunAsync();

        Assert.Equal(Expected(Restated()), await LedgerByKeyAsync());
    }

    [Fact]
    public async Task Hand_dropped_files_are_the_complete_bill_of_the_periods_they_contain()
    {
        var april = new CurLine(April.AddHours(5), "i-0ddd", 7m);
        CurExports.Cur2([.. FirstBill(), april]).WriteCsvGz(Path.Combine(_folder, "cur-all.csv.gz"));
        await RunAsync();
        Assert.Equal(FirstBill().Sum(l => l.Cost) + 7m, await SumCostAsync());

        // The file is replaced by one holding only March, restated: March is replaced, April (no longer contained) stays.
        File.Delete(Path.Combine(_folder, "cur-all.csv.gz"));
        CurExports.Cur2(Restated()).WriteCsv(Path.Combine(_folder, "cur-march.csv"));
        await RunAsync();

        Assert.Equal(Restated().Sum(l => l.Cost), await SumCostAsync("billing_period = '2025-03-01'"));
        Assert.Equal(7m, await SumCostAsync("billing_period = '2025-04-01'"));
    }

    [Fact]
    public async Task Legacy_parquet_tag_columns_and_zipped_legacy_csv_map_onto_the_same_ledger()
    {
        await CurExports.LegacyParquet(FirstBill().Take(3)).WriteParquetAsync(Ch, Path.Combine(_folder, "a", "legacy-1.snappy.parquet"));
        CurExports.LegacyCsv(FirstBill().Skip(3)).WriteCsvZip(Path.Combine(_folder, "b", "legacy-1.csv.zip"));

        await RunAsync();

        Assert.Equal(Expected(FirstBill()), await LedgerByKeyAsync());
        Assert.Equal(25m, await SumCostAsync("customer = 'acme' AND billed_tags['polo_customer'] = 'acme' AND billed_tags['name'] = 'node'"));
        Assert.Equal(2.5m, await SumCostAsync("resource_id = 'i-0ccc' AND billed_tags['Name'] = 'node' AND customer = ''"));
    }

    [Fact]
    public async Task A_bad_file_in_a_refresh_keeps_the_previous_bill_of_its_period_and_names_the_file_and_row()
    {
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [FirstBill()], "exec-1");
        await RunAsync();

        var keys = await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [Restated()], "exec-2");
        var local = Path.Combine(_folder, "polo", "data", "BILLING_PERIOD=2025-03", Path.GetFileName(keys[0]).Replace(".snappy.parquet", ".csv"));
        var bad = CurExports.Cur2(Restated());
        bad.WriteCsv(local);
        File.WriteAllText(local, File.ReadAllText(local).Replace("2025-03-01T02:00:00Z", "not-a-time"));
        File.WriteAllText(Path.Combine(_folder, "polo", "metadata", "BILLING_PERIOD=2025-03", "polo-Manifest.json"),
            File.ReadAllText(Path.Combine(_folder, "polo", "metadata", "BILLING_PERIOD=2025-03", "polo-Manifest.json"))
                .Replace(".snappy.parquet", ".csv"));

        var error = await Assert.ThrowsAsync<CurIngestException>(RunAsync);

        Assert.Contains(Path.GetFileName(local), error.Message);
        Assert.Contains("row 3: line_item_usage_start_date 'not-a-time' is not a date", error.Message);
        Assert.Equal(Expected(FirstBill()), await LedgerByKeyAsync());
    }

    [Fact]
    public async Task A_run_reports_lines_read_and_the_share_done_while_it_goes_then_clears_it()
    {
        await CurExports.DeliverCur2Async(Ch, _folder, "polo", March, [FirstBill(), Restated()], "exec-1");
        CurExports.Cur2([new CurLine(April.AddHours(5), "i-0ddd", 7m)]).WriteCsv(Path.Combine(_folder, "dropped.csv"));
        var notifier = new Polo.Data.Changes.DataChangeNotifier();
        var board = new Status.CollectorProgressBoard(notifier);

        await new CurCollector(Ch, new CurOptions { Folder = _folder }, progressBoard: board).RunAsync(Org, default);

        var seen = board.Reports("cur");
        // Every report is published (the status page subscribes to the kind), and the run's end clears the entry.
        Assert.Equal(seen.Count + 1, notifier.Version(Polo.Data.Changes.DataKinds.CollectorProgress));
        Assert.NotEmpty(seen);
        Assert.Equal(seen.Select(p => p.Fraction).Order(), seen.Select(p => p.Fraction));
        Assert.Equal(1.0, seen[^1].Fraction, 6);
        Assert.Equal(11, seen[^1].LinesRead);
        Assert.Equal(11, seen[^1].LinesTotal);
        Assert.Contains(seen, p => p.Stage == "checking files" && p.Fraction < 1);
        Assert.Null(board.Get("cur"));
    }

    private sealed record KeyCost(string K, decimal Cost);
}
