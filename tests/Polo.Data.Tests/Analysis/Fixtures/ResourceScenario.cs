using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis.Fixtures;

/// <summary>
/// Four resources for the inventory tests, cost Oct 1–3 by hand: i-a 1.00/h × 48 = 48.00, vol-b 0.10/h × 48 = 4.80,
/// i-c 0.50/h × 24 (Oct 1 only, deleted Oct 2) = 12.00, snap-d no cost. vol-b is attached to i-a; vol-x was, but the
/// relationship was deleted.
/// </summary>
public sealed class ResourceScenario : IAsyncLifetime
{
    public static DateTime Day(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public TestDatabase Ch { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ch = await TestDatabase.CreateAsync();
        var search = new Place(AccountA, "acme", "prod-1", "search");
        var dev = new Place(AccountB, "internal", "dev", "", "eu-west-1");
        var f = new FixtureWriter()
            .Snapshot("i-a", ResourceTypes.Instance, search, "search-node-1", ResourceStates.Running, Day(9, 1),
                tags: new() { ["Name"] = "search-node-1", ["team"] = "blue" }, props: new() { [EventProperties.InstanceType] = "m5.2xlarge" })
            .Snapshot("vol-b", ResourceTypes.Volume, search, "search-node-1-data", ResourceStates.InUse, Day(9, 2),
                tags: new() { ["Name"] = "search-node-1-data", ["team"] = "red" }, props: new() { [EventProperties.SizeGb] = "500" })
            .Snapshot("i-c", ResourceTypes.Instance, dev, "dev-box", ResourceStates.Stopped, Day(9, 3), deleted: Day(10, 2))
            .Snapshot("snap-d", ResourceTypes.Snapshot, new Place(AccountA), "archive-1", ResourceStates.Completed, Day(9, 4))
            .Cost("i-a", ResourceTypes.Instance, search, "AmazonEC2", "BoxUsage:m5.2xlarge", Day(10, 1), Day(10, 3), 1.00m)
            .Cost("vol-b", ResourceTypes.Volume, search, "AmazonEBS", "EBS:VolumeUsage.gp3", Day(10, 1), Day(10, 3), 0.10m)
            .Cost("i-c", ResourceTypes.Instance, dev, "AmazonEC2", "BoxUsage:m5.large", Day(10, 1), Day(10, 2), 0.50m)
            .Event("i-a", ResourceTypes.Instance, search, Day(9, 1), EventTypes.Created, (EventProperties.InstanceType, "m5.large"))
            .Event("i-a", ResourceTypes.Instance, search, Day(10, 2), EventTypes.Resized, (EventProperties.Old, "m5.large"), (EventProperties.New, "m5.2xlarge"));
        f.Relationships.Add(new RelationshipRow(AccountA, "vol-b", Relations.AttachedTo, "i-a", Day(9, 2), 0, Day(9, 2)));
        f.Relationships.Add(new RelationshipRow(AccountA, "vol-x", Relations.AttachedTo, "i-a", Day(9, 2), 0, Day(9, 2)));
        f.Relationships.Add(new RelationshipRow(AccountA, "vol-x", Relations.AttachedTo, "i-a", Day(9, 2), 1, Day(9, 5)));
        await f.WriteAsync(Ch);
    }

    public async Task DisposeAsync()
    {
        await Ch.DisposeAsync();
    }
}
