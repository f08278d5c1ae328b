using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis.Fixtures;

/// <summary>
/// Five flat cost streams (hourly rates) for the cost and hierarchy query tests:
/// r1 acme/prod-1/logs (A) 1.00/h Oct 1–4; r2 acme/prod-1/search (A, EBS) 0.50/h Oct 2–4;
/// r3 globex/c1 (B) 2.00/h Oct 3 12:00–Oct 4; r4 no customer (A) 0.25/h Sep 30–Oct 4;
/// r5 acme/prod-1/search (A) 0.10/h on Oct 2, 0.20/h on Oct 3 (a price change, same usage).
/// Daily totals by hand: Sep 30 6.00, Oct 1 30.00, Oct 2 44.40, Oct 3 70.80.
/// </summary>
public sealed class CostScenario : IAsyncLifetime
{
    public static readonly DateTime Sep30 = new(2026, 9, 30, 0, 0, 0, DateTimeKind.Utc);
    public static DateTime Oct(int day, int hour = 0) => new(2026, 10, day, hour, 0, 0, DateTimeKind.Utc);
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";

    public TestDatabase Ch { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ch = await TestDatabase.CreateAsync();
        var logs = new Place(AccountA, "acme", "prod-1", "logs");
        var search = new Place(AccountA, "acme", "prod-1", "search");
        var globex = new Place(AccountB, "globex", "c1", "", "eu-west-1");
        var f = new FixtureWriter()
            .Cost("r1", ResourceTypes.Instance, logs, "AmazonEC2", "BoxUsage:m5.large", Oct(1), Oct(4), 1.00m)
            .Cost("r2", ResourceTypes.Volume, search, "AmazonEBS", "EBS:VolumeUsage.gp3", Oct(2), Oct(4), 0.50m)
            .Cost("r3", ResourceTypes.Instance, globex, "AmazonEC2", "BoxUsage:m5.xlarge", Oct(3, 12), Oct(4), 2.00m)
            .Cost("r4", ResourceTypes.NatGateway, new Place(AccountA), "AmazonEC2", "NatGateway-Hours", Sep30, Oct(4), 0.25m)
            .Cost("r5", ResourceTypes.Instance, search, "AmazonEC2", "BoxUsage:t3.small", Oct(2), Oct(3), 0.10m)
            .Cost("r5", ResourceTypes.Instance, search, "AmazonEC2", "BoxUsage:t3.small", Oct(3), Oct(4), 0.20m)
            .Event("r5", ResourceTypes.Instance, search, Oct(1).AddDays(-29), EventTypes.Created)
            .Account(AccountA, "prod-search", "production")
            .Account(AccountB, "dev-tools", "development")
            .Node("customer:acme", "customer", "acme", "")
            .Node("customer:globex", "customer", "globex", "")
            .Node("cluster:acme/prod-1", "cluster", "prod-1", "customer:acme")
            .Node("cluster:globex/c1", "cluster", "c1", "customer:globex")
            .Node("index:acme/prod-1/logs", "index", "logs", "cluster:acme/prod-1")
            .Node("index:acme/prod-1/search", "index", "search", "cluster:acme/prod-1");
        await f.WriteAsync(Ch);
    }

    public async Task DisposeAsync()
    {
        await Ch.DisposeAsync();
    }
}
