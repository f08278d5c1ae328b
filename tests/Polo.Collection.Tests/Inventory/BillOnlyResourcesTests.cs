using Polo.Collection.Aws;
using Polo.Collection.Core;
using Polo.Collection.Inventory;
using Polo.Collection.Runs;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Inventory;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Tests.Inventory;

/// <summary>Who owns an inventory row: the ec2-config poll (real SDK against the loopback EC2 fake) never deletes, nor
/// raises events for, a resource known only from the bill; once it sees a billed resource, its row takes over.</summary>
public sealed class BillOnlyResourcesTests : IAsyncLifetime
{
    private const string Account = "300000000001";
    private static readonly DateTime Start = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly FakeAws _aws = new();
    private IClickHouse _ch = null!;

    public async Task InitializeAsync() => _ch = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _aws.DisposeAsync();
        await _ch.DisposeAsync();
    }

    private sealed record Line(DateTime Hour, string AccountId, string Region, string Service, string UsageType,
        string ResourceId, string ResourceType, decimal Cost, double UsageAmount, string Source, string LineItemType, string PricingUnit);

    /// <summary>Hourly BoxUsage lines of one instance, as the CUR collector writes them.</summary>
    private Task BillAsync(string instanceId, DateTime from, DateTime to) =>
        _ch.InsertAsync("cost_hourly", Enumerable.Range(0, (int)(to - from).TotalHours).Select(h => new Line(from.AddHours(h),
            Account, "us-east-1", "AmazonEC2", "BoxUsage:m5.large", instanceId, "ec2_instance", 0.096m, 1, "cur", "Usage", "Hrs")));

    private Task<long> EventsOfAsync(string id) => _ch.ScalarAsync<long>(
        "SELECT count() FROM resource_events WHERE resource_id = {id:String}", new QueryParams { ["id"] = id });

    private sealed record Owned(string Owner, string State, byte IsDeleted);

    private async Task<Owned> RowOfAsync(string id) => (await _ch.QueryAsync<Owned>(
        "SELECT toString(owner) AS owner, toString(state) AS state, is_deleted FROM resource_snapshots FINAL WHERE resource_id = {id:String}",
        new QueryParams { ["id"] = id })).Single();

    [Fact]
    public async Task A_past_instance_found_only_in_the_bill_followed_by_a_poll_produces_no_event()
    {
        await BillAsync("i-0past", Start, Start.AddDays(5));
        await BillAsync("i-0live", Start, Start.AddDays(30));
        await BillAsync("i-0gone", Start, Start.AddDays(30).AddHours(-2)); // terminated two hours before the bill ends
        _aws.Estate(Account).Instances.Add(new FakeInstance("i-0live", "m5.large"));
        var inventory = new BillInventory(_ch);
        await inventory.RefreshAsync(new BillTagKeys());
        Assert.Equal(new Owned(InventoryOwner.Bill, "no longer billed", 1), await RowOfAsync("i-0past"));
        Assert.Equal(InventoryOwner.Bill, (await RowOfAsync("i-0live")).Owner);
        Assert.Equal(new Owned(InventoryOwner.Bill, "billed", 0), await RowOfAsync("i-0gone"));

        var h = new CollectorHarness(_ch, _aws, [Account]);
        var first = await h.RunAsync();
        var second = await h.RunAsync();

        Assert.True(first.Ok && second.Ok, string.Join("; ", first.Units.Concat(second.Units).Select(u => u.Error)));
        Assert.Equal(0, await EventsOfAsync("i-0past"));
        Assert.Equal(new Owned(InventoryOwner.Bill, "no longer billed", 1), await RowOfAsync("i-0past"));
        Assert.Equal(0, await EventsOfAsync("i-0gone"));
        Assert.Equal(new Owned(InventoryOwner.Bill, "billed", 0), await RowOfAsync("i-0gone"));
        // The live instance is now the poll's: one 'created' event, its row owned by the inventory, and the next bill
        // refresh leaves it alone.
        Assert.Equal(1, await EventsOfAsync("i-0live"));
        Assert.Equal(new Owned(InventoryOwner.Inventory, "running", 0), await RowOfAsync("i-0live"));
        await BillAsync("i-0live", Start.AddDays(30), Start.AddDays(31));
        Assert.Equal(1, (await inventory.RefreshAsync(new BillTagKeys())).Snapshots); // only i-0gone: the bill moved on
        Assert.Equal(InventoryOwner.Inventory, (await RowOfAsync("i-0live")).Owner);
        Assert.Equal(new Owned(InventoryOwner.Bill, "no longer billed", 1), await RowOfAsync("i-0gone"));

        // The instance disappears from EC2: the poll deletes what it owns, and still not the bill-only one.
        _aws.Estate(Account).Instances.Clear();
        Assert.True((await h.RunAsync()).Ok);
        Assert.Equal(new Owned(InventoryOwner.Inventory, "terminated", 1), await RowOfAsync("i-0live"));
        Assert.Equal(0, await EventsOfAsync("i-0past"));
    }

    /// <summary>Stands in for the cur collector: writes a day of lines for a bill-only RDS db.</summary>
    private sealed class BillWriter(IClickHouse ch) : ICollector
    {
        public string Name => BillInventoryFollowUp.FollowedCollector;
        public bool PerAccount => false;

        public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct) =>
            new(await ch.InsertAsync("cost_hourly", Enumerable.Range(0, 24).Select(h => new Line(Start.AddHours(h), Account,
                "us-east-1", "AmazonRDS", "InstanceUsage:db.r5.large", "arn:aws:rds:us-east-1:300000000001:db:orders",
                "", 0.25m, 1, "cur", "Usage", "Hrs")), ct: ct), "24 lines");
    }

    [Fact]
    public async Task The_runner_refreshes_the_bill_inventory_after_each_cur_run()
    {
        var h = new CollectorHarness(_ch, _aws, [Account]);
        var runner = new CollectorRunner([new BillWriter(_ch)], h.Config, new AccountCredentials(h.Clients), h.Runs,
            followUps: [new BillInventoryFollowUp(_ch, h.Options.HierarchyTags)]);

        var result = await runner.RunAsync(BillInventoryFollowUp.FollowedCollector, RunTrigger.Manual);

        var unit = Assert.Single(result.Units);
        Assert.Equal(RunStatus.Ok, unit.Status);
        Assert.Equal(24ul, unit.RowsWritten); // the collector's own rows; the refresh reports in the detail
        Assert.Contains("1 billed resources updated, 1 bill-only rows written", unit.Detail);
        Assert.Equal(new Owned(InventoryOwner.Bill, "billed", 0), await RowOfAsync("arn:aws:rds:us-east-1:300000000001:db:orders"));
    }
}
