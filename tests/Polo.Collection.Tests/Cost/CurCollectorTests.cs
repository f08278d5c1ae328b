using System.Globalization;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Tests.Cost;

public sealed class CurCollectorTests : FreshDatabase
{
    private static readonly CollectorScope Org = new("*", "us-east-1", null);
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur-").FullName;

    private static readonly Dictionary<string, string> AcmeTags = new()
    {
        ["user_polo:customer"] = "acme",
        ["user_polo:cluster"] = "prod-1",
        ["user_polo:index"] = "search",
        ["user_Name"] = "node-1",
    };

    /// <summary>Two instance hours, a region-prefixed instance line, an EBS volume, a tax line without resource.</summary>
    private static List<CurTestLine> Lines() =>
    [
        new("2025-03-01T00:00:00Z", "111111111111", "us-east-1", "AmazonEC2", "BoxUsage:r5.xlarge", "i-0aaa", "0.252", "1", Tags: AcmeTags),
        new("2025-03-01T01:00:00Z", "111111111111", "us-east-1", "AmazonEC2", "BoxUsage:r5.xlarge", "i-0aaa", "0.252", "1", Tags: AcmeTags),
        new("2025-03-01T00:00:00Z", "222222222222", "us-west-2", "AmazonEC2", "USW2-BoxUsage:m5.large", "i-0bbb", "0.096", "1"),
        new("2025-03-01T00:00:00Z", "111111111111", "us-east-1", "AmazonEC2", "EBS:VolumeUsage.gp3",
            "arn:aws:ec2:us-east-1:111111111111:volume/vol-0ccc", "0.054794", "0.684931", Tags: AcmeTags),
        new("2025-03-01T00:00:00Z", "111111111111", "", "AmazonEC2", "", "", "1.5", "0", Type: "Tax"),
    ];

    private const decimal LinesTotal = 0.252m + 0.252m + 0.096m + 0.054794m + 1.5m;

    private CurCollector Collector(bool skipProcessed = true) =>
        new(Ch, new CurOptions { Folder = _folder, SkipProcessedFiles = skipProcessed });

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Csv_lands_exact_sums_in_the_demo_vocabulary_with_identity_from_tags()
    {
        CurFiles.WriteCsv(Path.Combine(_folder, "cur-00001.csv"), Lines());
        var probe = new NotifierProbe();

        var outcome = await new CurCollector(Ch, new CurOptions { Folder = _folder }, probe.Notifier).RunAsync(Org, default);

        Assert.Equal(5, outcome.Rows);
        Assert.Equal((1L, 5L), (probe.Publishes(DataKinds.Cost), probe.Rows(DataKinds.Cost))); // one write, one publish
        Assert.Equal(LinesTotal, await SumCostAsync());
        Assert.Equal(0.504m, await SumCostAsync("resource_id = 'i-0aaa' AND customer = 'acme' AND cluster = 'prod-1' AND index_name = 'search'"));
        Assert.Equal(0.096m, await SumCostAsync("resource_id = 'i-0bbb' AND usage_type = 'BoxUsage:m5.large' AND region = 'us-west-2' AND customer = ''"));
        Assert.Equal(0.054794m, await SumCostAsync("resource_id = 'vol-0ccc' AND service = 'AmazonEBS' AND resource_type = 'ebs_volume' AND customer = 'acme'"));
        Assert.Equal(2, await CountAsync("SELECT count() FROM cost_hourly WHERE resource_type = 'ec2_instance' AND source = 'cur' AND resource_id = 'i-0aaa'"));
        Assert.Equal(LinesTotal, await Ch.ScalarAsync<decimal>("SELECT toDecimal64(sum(cost), 6) FROM cost_rollup_daily"));
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_ingest_staging"));
    }

    [Fact]
    public async Task Csv_gz_lands_exact_sums()
    {
        CurFiles.WriteCsvGz(Path.Combine(_folder, "cur-00001.csv.gz"), Lines());

        var outcome = await Collector().RunAsync(Org, default);

        Assert.Equal(5, outcome.Rows);
        Assert.Equal(LinesTotal, await SumCostAsync());
        Assert.Equal(0.504m, await SumCostAsync("customer = 'acme' AND service = 'AmazonEC2'"));
    }

    [Fact]
    public async Task Parquet_with_a_map_tag_column_lands_exact_sums()
    {
        await CurFiles.WriteParquetAsync(Ch, Path.Combine(_folder, "data", "part-0.parquet").Also(p => Directory.CreateDirectory(Path.GetDirectoryName(p)!)), Lines());

        var outcome = await Collector().RunAsync(Org, default);

        Assert.Equal(5, outcome.Rows);
        Assert.Equal(LinesTotal, await SumCostAsync());
        Assert.Equal(0.504m, await SumCostAsync("resource_id = 'i-0aaa' AND customer = 'acme' AND index_name = 'search'"));
        Assert.Equal(0.054794m, await SumCostAsync("resource_id = 'vol-0ccc' AND service = 'AmazonEBS'"));
    }

    [Fact]
    public async Task Re_running_the_same_file_writes_nothing_even_without_the_processed_files_shortcut()
    {
        CurFiles.WriteCsv(Path.Combine(_folder, "cur-00001.csv"), Lines());
        Assert.Equal(5, (await Collector(skipProcessed: false).RunAsync(Org, default)).Rows);

        var again = await Collector(skipProcessed: false).RunAsync(Org, default);
        var skipped = await Collector().RunAsync(Org, default);

        Assert.Equal(0, again.Rows);
        Assert.Equal(0, skipped.Rows);
        Assert.Equal(5, await CountAsync("SELECT count() FROM cost_hourly"));
        Assert.Equal(LinesTotal, await SumCostAsync());
    }

    [Fact]
    public async Task A_restated_file_writes_exactly_the_deltas()
    {
        var path = Path.Combine(_folder, "cur-00001.csv");
        CurFiles.WriteCsv(path, Lines());
        await Collector().RunAsync(Org, default);

        var restated = Lines();
        restated[1] = restated[1] with { Cost = "0.300" };                                  // amount restated
        restated[2] = restated[2] with { Tags = new() { ["user_polo:customer"] = "globex" } }; // tag added late
        CurFiles.WriteCsv(path, restated);
        var outcome = await Collector().RunAsync(Org, default);

        // hour 1 of i-0aaa: +0.048; i-0bbb: -0.096 under no customer, +0.096 under globex.
        Assert.Equal(3, outcome.Rows);
        Assert.Equal(LinesTotal + 0.048m, await SumCostAsync());
        Assert.Equal(0.552m, await SumCostAsync("resource_id = 'i-0aaa'"));
        Assert.Equal(0.096m, await SumCostAsync("customer = 'globex'"));
        Assert.Equal(0m, await SumCostAsync("resource_id = 'i-0bbb' AND customer = ''"));
        Assert.Equal(2, await CountAsync(
            "SELECT count() FROM cost_hourly WHERE resource_id = 'i-0aaa' AND hour = '2025-03-01 01:00:00' AND cost IN (0.252, 0.048)"));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_file_and_row_and_nothing_from_it_is_written()
    {
        var lines = Lines();
        lines[3] = lines[3] with { Cost = "12,5x" };
        CurFiles.WriteCsv(Path.Combine(_folder, "bad.csv"), lines);

        var error = await Assert.ThrowsAsync<CurIngestException>(() => Collector().RunAsync(Org, default));

        Assert.Contains("bad.csv", error.Message);
        Assert.Contains("row 4", error.Message);
        Assert.Contains("line_item_unblended_cost", error.Message);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly"));
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_ingest_staging"));
        Assert.Equal(0, await CountAsync("SELECT count() FROM cur_commits"));
    }

    [Fact]
    public async Task A_file_missing_a_required_column_is_refused_while_good_files_still_land()
    {
        File.WriteAllText(Path.Combine(_folder, "a-nocost.csv"),
            "line_item_usage_start_date,line_item_usage_account_id,line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_usage_amount\n"
            + "2025-03-01T00:00:00Z,111111111111,AmazonEC2,BoxUsage:m5.large,i-1,1\n");
        CurFiles.WriteCsv(Path.Combine(_folder, "b-good.csv"), Lines());

        var error = await Assert.ThrowsAsync<CurIngestException>(() => Collector().RunAsync(Org, default));

        Assert.Contains("a-nocost.csv", error.Message);
        Assert.Contains("missing required column(s): line_item_unblended_cost", error.Message);
        Assert.Equal(5, error.RowsWritten);
        Assert.Equal(LinesTotal, await SumCostAsync());
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly WHERE resource_id = 'i-1'"));
    }

    [Fact]
    public async Task An_unparsable_date_names_the_file_and_row()
    {
        var lines = Lines();
        lines[1] = lines[1] with { Start = "yesterday" };
        CurFiles.WriteCsv(Path.Combine(_folder, "dates.csv"), lines);

        var error = await Assert.ThrowsAsync<CurIngestException>(() => Collector().RunAsync(Org, default));

        Assert.Contains("dates.csv', row 2: line_item_usage_start_date 'yesterday' is not a date", error.Message);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly"));
    }

    [Fact]
    public async Task A_large_file_streams_through_in_batches_and_sums_exactly()
    {
        // 40 resources x 720 hours = 28,800 line items, staged 5,000 at a time.
        var start = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = Enumerable.Range(0, 40).SelectMany(r => Enumerable.Range(0, 720).Select(h => new CurTestLine(
            start.AddHours(h).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), "111111111111", "us-east-1", "AmazonEC2",
            "BoxUsage:m5.large", $"i-{r:D4}", "0.096", "1", Tags: r % 2 == 0 ? AcmeTags : null))).ToList();
        CurFiles.WriteCsvGz(Path.Combine(_folder, "month.csv.gz"), lines);
        var collector = new CurCollector(Ch, new CurOptions { Folder = _folder, SkipProcessedFiles = false });

        var first = await collector.RunAsync(Org, default);
        var second = await collector.RunAsync(Org, default);

        Assert.Equal(28_800, first.Rows);
        Assert.Equal(0, second.Rows);
        Assert.Equal(28_800 * 0.096m, await SumCostAsync());
        Assert.Equal(20 * 720 * 0.096m, await SumCostAsync("customer = 'acme'"));
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_is_refused_by_name()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.parquet"), "PAR1 but not really");

        var error = await Assert.ThrowsAsync<CurIngestException>(() => Collector().RunAsync(Org, default));

        Assert.Contains("broken.parquet", error.Message);
        Assert.Contains("not a readable Parquet file", error.Message);
        Assert.Equal(0, await CountAsync("SELECT count() FROM cost_hourly"));
    }

    [Fact]
    public async Task Untagged_lines_take_their_identity_from_the_resource_snapshot()
    {
        await AddSnapshotAsync("i-0bbb", ResourceTypes.Instance, "initech", "prod-2", "logs");
        CurFiles.WriteCsv(Path.Combine(_folder, "cur.csv"), Lines());

        await Collector().RunAsync(Org, default);

        Assert.Equal(0.096m, await SumCostAsync("resource_id = 'i-0bbb' AND customer = 'initech' AND cluster = 'prod-2' AND index_name = 'logs'"));
        Assert.Equal(0.504m, await SumCostAsync("customer = 'acme' AND resource_type = 'ec2_instance'"));
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action) { action(value); return value; }
}
