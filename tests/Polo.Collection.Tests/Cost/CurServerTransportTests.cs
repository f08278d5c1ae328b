using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;
using Polo.Data;
using Polo.Data.Server;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// The cur collector on the server transport (ClickHouse.Driver over HTTP, against the loopback ClickHouse HTTP
/// interface over the embedded engine): the server never opens the CUR files; each is streamed once as the body of an
/// <c>INSERT … FROM input(…)</c> into a staging table, and the ledger comes out exactly as the embedded engine's own
/// file() reading makes it. A malformed file is refused naming its row, and staging tables are dropped.
/// </summary>
public sealed class CurServerTransportTests : FreshDatabase
{
    private static readonly CollectorScope Org = new("*", "us-east-1", null);
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur-server-").FullName;

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    private static IEnumerable<CurTestLine> Lines(int from, int count) => Enumerable.Range(from, count).Select(i => new CurTestLine(
        $"2026-09-{1 + i % 28:00}T{i % 24:00}:00:00Z", $"11111111111{i % 3}", "us-west-2", i % 2 == 0 ? "AmazonEC2" : "AmazonS3",
        i % 2 == 0 ? "USW2-BoxUsage:m5.large" : "USW2-TimedStorage-ByteHrs", i % 2 == 0 ? $"i-{i % 7:x4}" : $"bucket-{i % 5}",
        (0.01m * (1 + i % 97)).ToString(System.Globalization.CultureInfo.InvariantCulture), "1", i % 11 == 0 ? "Tax" : "Usage",
        new Dictionary<string, string> { ["user:polo:customer"] = $"c{i % 4}", ["user:Name"] = $"n{i % 9}" }));

    private const string Ledger = """
        SELECT count() AS rows, toString(sum(cost)) AS total,
               sum(cityHash64(hour, account_id, service, resource_id, customer, line_item_type, billed_tags, toString(cost))) AS digest,
               (SELECT toString(sum(cost)) FROM cost_rollup_daily) AS rollup
        FROM cost_hourly WHERE source = 'cur'
        """;

    private sealed record LedgerState(long Rows, string Total, ulong Digest, string Rollup);

    [Fact]
    public async Task Files_are_streamed_to_the_server_and_land_exactly_as_the_embedded_engine_reads_them()
    {
        CurFiles.WriteCsvGz(Path.Combine(_folder, "part-1.csv.gz"), Lines(0, 400));
        await CurFiles.WriteParquetAsync(Ch, Path.Combine(_folder, "part-2.snappy.parquet"), Lines(400, 300));

        await using var server = await TestDatabase.CreateAsync("cur_server");
        await using var endpoint = new ClickHouseHttpEndpoint(server);
        await using var client = new ServerClickHouse(endpoint.ConnectionString());
        var outcome = await new CurCollector(client, new CurOptions { Folder = _folder }).RunAsync(Org, default);
        var viaServer = (await server.QueryAsync<LedgerState>(Ledger)).Single();

        await new CurCollector(Ch, new CurOptions { Folder = _folder }).RunAsync(Org, default);
        var embedded = (await Ch.QueryAsync<LedgerState>(Ledger)).Single();

        Assert.Equal(700, viaServer.Rows);
        Assert.Equal(embedded, viaServer);
        Assert.Contains("1 period(s) replaced (700 lines)", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(2, endpoint.Queries.Count(q => q.Contains("FROM input(", StringComparison.Ordinal)));
        Assert.DoesNotContain(endpoint.Queries, q => q.Contains("file(", StringComparison.Ordinal) && q.Contains(_folder, StringComparison.Ordinal));
        Assert.Equal(0, await server.ScalarAsync<long>("SELECT count() FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'cur_stage_')"));

        // A refresh with one line re-priced writes only the difference, through the server too.
        CurFiles.WriteCsvGz(Path.Combine(_folder, "part-1.csv.gz"), Lines(0, 399).Append(Lines(399, 1).Single() with { Cost = "5.00" }));
        await new CurCollector(client, new CurOptions { Folder = _folder }).RunAsync(Org, default);
        await new CurCollector(Ch, new CurOptions { Folder = _folder }).RunAsync(Org, default);
        Assert.Equal((await Ch.QueryAsync<LedgerState>(Ledger)).Single(), (await server.QueryAsync<LedgerState>(Ledger)).Single());
    }

    [Fact]
    public async Task A_malformed_file_is_refused_naming_its_row_and_nothing_of_it_lands()
    {
        var lines = Lines(0, 5).ToList();
        lines[2] = lines[2] with { Cost = "12,5" };
        CurFiles.WriteCsv(Path.Combine(_folder, "bad.csv"), lines);

        await using var server = await TestDatabase.CreateAsync("cur_server");
        await using var endpoint = new ClickHouseHttpEndpoint(server);
        await using var client = new ServerClickHouse(endpoint.ConnectionString());
        var error = await Assert.ThrowsAsync<CurIngestException>(() => new CurCollector(client, new CurOptions { Folder = _folder }).RunAsync(Org, default));

        Assert.Contains("bad.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'12,5' is not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await server.ScalarAsync<long>("SELECT count() FROM cost_hourly"));
        Assert.Equal(0, await server.ScalarAsync<long>("SELECT count() FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'cur_stage_')"));
    }
}
