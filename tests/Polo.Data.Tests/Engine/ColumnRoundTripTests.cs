using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Engine;

/// <summary>Every column type the schema uses, written through InsertAsync and read back through QueryAsync.</summary>
public sealed class ColumnRoundTripTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime T0 = new(2026, 5, 1, 10, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public async Task Resource_event_with_map_lowcardinality_and_datetime64()
    {
        var row = new EventRow(T0, "e-1", "123456789012", "eu-west-1", "i-0abc", ResourceTypes.Instance, EventTypes.Resized, "config",
            "arn:aws:iam::123456789012:user/ops", "acme", "prod-1", "search",
            new() { [EventProperties.Old] = "r5.xlarge", [EventProperties.New] = "r5.4xlarge", ["quote'd"] = "back\\slash\nnewline" });
        await db.Ch.InsertAsync("resource_events", [row]);

        var back = await db.Ch.QueryAsync<EventRow>(
            "SELECT * EXCEPT ingested_at FROM resource_events WHERE event_id = {id:String}", new QueryParams { ["id"] = "e-1" });
        var got = Assert.Single(back);
        Assert.Equal(row with { Properties = null! }, got with { Properties = null! });
        Assert.Equal(row.Properties, got.Properties);
    }

    [Fact]
    public async Task Snapshot_nullable_timestamp_and_replacing_merge()
    {
        var first = new SnapshotRow("vol-1", "1", "us-east-1", ResourceTypes.Volume, "data", ResourceStates.InUse, "", "", "",
            new() { ["Name"] = "data" }, new() { [EventProperties.SizeGb] = "100" }, T0, null, 0, T0);
        var later = first with { State = ResourceStates.Deleted, DeletedAt = T0.AddDays(1), IsDeleted = 1, ObservedAt = T0.AddDays(1) };
        await db.Ch.InsertAsync("resource_snapshots", [first]);
        await db.Ch.InsertAsync("resource_snapshots", [later]);

        var rows = await db.Ch.QueryAsync<SnapshotRow>("SELECT * FROM resource_snapshots FINAL WHERE resource_id = 'vol-1'");
        var got = Assert.Single(rows);
        Assert.Equal(ResourceStates.Deleted, got.State);
        Assert.Equal(T0.AddDays(1), got.DeletedAt);
        Assert.Null((await db.Ch.QueryAsync<SnapshotRow>("SELECT * FROM resource_snapshots WHERE resource_id = 'vol-1' AND is_deleted = 0")).Single().DeletedAt);
    }

    private sealed record DailyRow(DateOnly Day, string ResourceId, decimal Cost, double UsageAmount);

    [Fact]
    public async Task Hourly_cost_decimals_roll_up_exactly_into_the_daily_view()
    {
        var day = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 48).Select(h => new CostRow(day.AddHours(h), "1", "us-east-1", "AmazonEC2",
            "BoxUsage:m5.large", "i-roll", ResourceTypes.Instance, "acme", "prod", "logs", 0.096001m, 1, "test")).ToList();
        // A restatement arrives later as a ledger difference.
        rows.Add(rows[0] with { Cost = -0.000001m, UsageAmount = 0 });
        await db.Ch.InsertAsync("cost_hourly", rows);

        var daily = await db.Ch.QueryAsync<DailyRow>(
            "SELECT day, resource_id, sum(cost) AS cost, sum(usage_amount) AS usage_amount FROM cost_rollup_daily WHERE resource_id = 'i-roll' GROUP BY day, resource_id ORDER BY day");
        Assert.Equal([new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 2)], daily.Select(d => d.Day));
        Assert.Equal(24 * 0.096001m - 0.000001m, daily[0].Cost);
        Assert.Equal(24 * 0.096001m, daily[1].Cost);
        Assert.Equal(24.0, daily[1].UsageAmount);
    }

    [Fact]
    public async Task Arrays_and_plain_datetimes_round_trip()
    {
        var cause = new CauseRow("c1", CauseKind.Orphaned, "desc 'quoted'", "cluster:x/y", ["vol-1", "vol-2"],
            T0.Date, T0.Date.AddDays(1), T0.Date.AddDays(1), T0.Date.AddDays(2), 123.45m);
        await db.Ch.InsertAsync("demo_causes", [cause]);
        var got = Assert.Single(await db.Ch.QueryAsync<CauseRow>("SELECT * EXCEPT generated_at FROM demo_causes"));
        Assert.Equal(cause.ResourceIds, got.ResourceIds);
        Assert.Equal(cause with { ResourceIds = [] }, got with { ResourceIds = [] });
    }

    private sealed record Lookup(string Role, string Name);

    [Fact]
    public async Task Dictionaries_serve_the_latest_mutable_metadata()
    {
        await db.Ch.InsertAsync("account_metadata", [new AccountMetadataRow("42", "old-name", "test", "test", "")]);
        await db.Ch.ExecuteAsync("SYSTEM RELOAD DICTIONARY account_dict");
        await Task.Delay(5);
        await db.Ch.InsertAsync("account_metadata", [new AccountMetadataRow("42", "new-name", "production", "prod", "ops")]);
        await db.Ch.ExecuteAsync("SYSTEM RELOAD DICTIONARY account_dict");

        var got = Assert.Single(await db.Ch.QueryAsync<Lookup>(
            "SELECT dictGet('account_dict', 'role', tuple({id:String})) AS role, dictGet('account_dict', 'account_name', tuple({id:String})) AS name",
            new QueryParams { ["id"] = "42" }));
        Assert.Equal(new Lookup("production", "new-name"), got);
    }

    [Fact]
    public async Task Large_batches_insert_completely()
    {
        var day = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 120_000).Select(i => new CostRow(day.AddHours(i % 24), "9", "us-east-1", "AmazonEBS",
            "EBS:VolumeUsage.gp3", $"vol-{i}", ResourceTypes.Volume, "", "", "", 0.01m, 0.5, "test"));
        var written = await db.Ch.InsertAsync("cost_hourly", rows, batchSize: 50_000);
        Assert.Equal(120_000, written);
        Assert.Equal(1200.00m, await db.Ch.ScalarAsync<decimal>("SELECT sum(cost) FROM cost_hourly WHERE account_id = '9'"));
    }
}
