namespace Polo.Data.Tests.Engine;

public sealed class ParameterBindingTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    public static TheoryData<string> Hostile => new()
    {
        "O'Brien",
        "'; DROP TABLE resource_events; --",
        "back\\slash \\n not a newline",
        "tab\tnew\nline\rcarriage",
        "nul\0byte",
        "unicode ünïcødé 🙂 中文",
        "{s:String} placeholder-looking",
        "",
        "\\",
        "'",
    };

    private sealed record Echo(string S);

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_strings_round_trip_exactly(string value)
    {
        var rows = await db.Ch.QueryAsync<Echo>("SELECT {s:String} AS s", new QueryParams { ["s"] = value });
        Assert.Equal(value, Assert.Single(rows).S);
    }

    [Fact]
    public async Task Hostile_string_is_compared_as_data_not_executed()
    {
        var count = await db.Ch.ScalarAsync<long>(
            "SELECT count() FROM resource_events WHERE resource_id = {id:String}",
            new QueryParams { ["id"] = "x' OR 1=1; DROP TABLE resource_events; --" });
        Assert.Equal(0, count);
        Assert.Equal(1, await db.Ch.ScalarAsync<long>("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'resource_events'"));
    }

    private sealed record ArrayEcho(string[] A, Dictionary<string, string> M);

    [Fact]
    public async Task Arrays_and_maps_of_hostile_strings_round_trip()
    {
        string[] items = ["a'b", "c\\d", "e\nf", "g,h]"];
        var map = new Dictionary<string, string> { ["k'1"] = "v\\1", ["k2"] = "v'2\n" };
        var rows = await db.Ch.QueryAsync<ArrayEcho>("SELECT {a:Array(String)} AS a, {m:Map(String, String)} AS m",
            new QueryParams { ["a"] = items, ["m"] = map });
        var row = Assert.Single(rows);
        Assert.Equal(items, row.A);
        Assert.Equal(map, row.M);
    }

    private sealed record Typed(DateTime D, DateTime D64, decimal Dec, long I, double F, bool B);

    [Fact]
    public async Task Typed_parameters_bind_to_their_declared_types()
    {
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var rows = await db.Ch.QueryAsync<Typed>(
            "SELECT {d:DateTime} AS d, {d64:DateTime64(3)} AS d64, {dec:Decimal(18,6)} AS dec, {i:Int64} AS i, {f:Float64} AS f, {b:Bool} AS b",
            new QueryParams { ["d"] = at, ["d64"] = at.AddMilliseconds(250), ["dec"] = 1234.567891m, ["i"] = long.MinValue, ["f"] = 0.1, ["b"] = true });
        var r = Assert.Single(rows);
        Assert.Equal(at, r.D);
        Assert.Equal(at.AddMilliseconds(250), r.D64);
        Assert.Equal(1234.567891m, r.Dec);
        Assert.Equal(long.MinValue, r.I);
        Assert.Equal(0.1, r.F);
        Assert.True(r.B);
    }

    [Fact]
    public async Task Engine_errors_surface_as_typed_exceptions_with_the_clickhouse_message()
    {
        var e = await Assert.ThrowsAsync<ClickHouseException>(() => db.Ch.QueryRawAsync("SELECT * FROM no_such_table", "TSV"));
        Assert.Equal(60, e.Code);
        Assert.Equal("UNKNOWN_TABLE", e.ErrorName);
        Assert.Contains("no_such_table", e.Message);

        var bad = await Assert.ThrowsAsync<ClickHouseException>(() =>
            db.Ch.QueryRawAsync("SELECT {n:UInt8}", "TSV", new QueryParams { ["n"] = "not a number" }));
        Assert.Equal("BAD_QUERY_PARAMETER", bad.ErrorName);
    }

    [Fact]
    public async Task Engine_stays_usable_after_errors_and_managed_exceptions()
    {
        await Assert.ThrowsAsync<ClickHouseException>(() => db.Ch.ExecuteAsync("THIS IS NOT SQL"));
        Assert.Throws<NullReferenceException>(() => ((string)null!).Length);
        Assert.Equal(2, await db.Ch.ScalarAsync<int>("SELECT 1 + 1"));
    }
}
