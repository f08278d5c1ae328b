using Polo.Data.Migrations;
using Polo.Data.Rows;
using Polo.Data.Server;
using Polo.Data.Tests.Engine;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Server;

/// <summary>The server transport (ClickHouse.Driver over HTTP) running the same migrations and SQL as the embedded one.</summary>
public sealed class ServerTransportTests : IAsyncLifetime
{
    private TestDatabase _engine = null!;
    private ClickHouseHttpEndpoint _endpoint = null!;
    private ServerClickHouse _server = null!;

    public async Task InitializeAsync()
    {
        _engine = await TestDatabase.CreateAsync(migrate: false);
        _endpoint = new ClickHouseHttpEndpoint(_engine);
        _server = new ServerClickHouse(_endpoint.ConnectionString());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _endpoint.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Runs_the_shipped_migrations_and_a_rerun_applies_nothing()
    {
        var first = await new MigrationRunner(_server, TestEngine.MigrationsPath).ApplyAsync();
        Assert.NotEmpty(first.Applied);
        var again = await new MigrationRunner(_server, TestEngine.MigrationsPath).ApplyAsync();
        Assert.Empty(again.Applied);
        Assert.Equal(first.Applied.Count, await _engine.ScalarAsync<long>("SELECT count() FROM schema_migrations"));
    }

    private sealed record Echo(string S);

    [Theory]
    [MemberData(nameof(ParameterBindingTests.Hostile), MemberType = typeof(ParameterBindingTests))]
    public async Task Hostile_strings_are_bound_server_side_and_round_trip(string value)
    {
        var rows = await _server.QueryAsync<Echo>("SELECT {s:String} AS s", new QueryParams { ["s"] = value });
        Assert.Equal(value, Assert.Single(rows).S);
        Assert.DoesNotContain(_endpoint.Queries, q => value.Length > 3 && q.Contains(value));
    }

    private sealed record Daily(DateOnly Day, decimal Cost);

    [Fact]
    public async Task Batched_inserts_and_typed_reads_match_the_embedded_transport()
    {
        await new MigrationRunner(_server, TestEngine.MigrationsPath).ApplyAsync();
        var t0 = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 72).Select(h => new CostRow(t0.AddHours(h), "1", "us-east-1", "AmazonEC2",
            "BoxUsage:m5.large", "i-1", ResourceTypes.Instance, "o'brien", "c", "i", 0.125m, 1, "server-test"));
        Assert.Equal(72, await _server.InsertAsync("cost_hourly", rows, batchSize: 25));

        const string sql = "SELECT day, sum(cost) AS cost FROM cost_rollup_daily WHERE customer = {c:String} AND day >= {from:Date} GROUP BY day ORDER BY day";
        var p = new QueryParams { ["c"] = "o'brien", ["from"] = new DateOnly(2026, 2, 2) };
        var viaServer = await _server.QueryAsync<Daily>(sql, p);
        var viaEmbedded = await _engine.QueryAsync<Daily>(sql, p);
        Assert.Equal([new Daily(new DateOnly(2026, 2, 2), 3m), new Daily(new DateOnly(2026, 2, 3), 3m)], viaServer);
        Assert.Equal(viaEmbedded, viaServer);
    }

    [Fact]
    public async Task Engine_errors_arrive_as_typed_exceptions_with_the_clickhouse_message()
    {
        var e = await Assert.ThrowsAsync<ClickHouseException>(() => _server.QueryRawAsync("SELECT * FROM no_such_table", "TSV"));
        Assert.Contains("no_such_table", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_unavailable()
    {
        await using var nowhere = new ServerClickHouse("Host=127.0.0.1;Port=1;Protocol=http;Database=polo;Timeout=5");
        await Assert.ThrowsAsync<ClickHouseUnavailableException>(() => nowhere.QueryRawAsync("SELECT 1", "TSV"));
    }
}
