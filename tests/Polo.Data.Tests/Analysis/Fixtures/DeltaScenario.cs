using Polo.Data.Analysis;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis.Fixtures;

/// <summary>
/// A hand-built estate with one resource per cause. Baseline = Oct 1–3 (48 h), period = Oct 3–4 (24 h), so every
/// baseline cost is halved. Expected deltas (period − baseline/2), worked out by hand:
/// <list type="bullet">
/// <item>i-resize (acme/prod-1/logs): 48 h × 0.25 → 6.00; 24 h × 1.00 = 24.00; resized → +18.00</item>
/// <item>i-new (acme/prod-1/logs): created Oct 3 06:00, 18 h × 0.50 = 9.00 → launched +9.00</item>
/// <item>i-gone (acme/prod-1/search): deleted Oct 2 12:00, 36 h × 0.50 = 18 → 9.00; → terminated −9.00</item>
/// <item>i-price (acme/prod-1/search): 0.10/h then 0.12/h, same usage → unexplained +0.48</item>
/// <item>i-tag: acme/prod-1/logs → search on Oct 3, 0.30/h: logs −7.20, search +7.20 → tag_change</item>
/// <item>vol-flat (acme/prod-1/logs): 0.05/h throughout → 0</item>
/// <item>nat-1 (no customer, account A): 10 → 30 GB/h at 0.045 → 10.80 vs 32.40 → usage_change +21.60</item>
/// <item>vol-orphan (internal/pipeline): created Oct 3 01:00, detached 05:00, 23 h × 0.10 → orphaned +2.30</item>
/// <item>i-test (internal/loadtest): ran 12 h of the baseline (→ 6.00), started Oct 3, never stopped: 24.00 → ran_longer +18.00</item>
/// <item>i-stop (globex/c1, account B): 48 h × 0.20 → 4.80; stopped Oct 3 10:00, 10 h = 2.00 → stopped −2.80</item>
/// <item>i-start (globex/c1): stopped since Sep 20, started Oct 3 12:00, 12 h × 0.40 = 4.80 → started +4.80</item>
/// </list>
/// Total: baseline 47.40, period 109.78, delta 62.38.
/// </summary>
public sealed class DeltaScenario : IAsyncLifetime
{
    public static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly TimeRange Baseline = TimeRange.Create(Oct1, Oct1.AddDays(2));
    public static readonly TimeRange Period = TimeRange.Create(Oct1.AddDays(2), Oct1.AddDays(3));
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";

    public TestDatabase Ch { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ch = await TestDatabase.CreateAsync();
        var f = new FixtureWriter();
        var d3 = Oct1.AddDays(2);
        var end = Oct1.AddDays(3);
        var logs = new Place(AccountA, "acme", "prod-1", "logs");
        var search = new Place(AccountA, "acme", "prod-1", "search");
        var shared = new Place(AccountA);
        var pipeline = new Place(AccountB, "internal", "pipeline");
        var loadtest = new Place(AccountB, "internal", "loadtest");
        var globex = new Place(AccountB, "globex", "c1");
        const string ec2 = "AmazonEC2", ebs = "AmazonEBS", inst = ResourceTypes.Instance;

        f.Cost("i-resize", inst, logs, ec2, "BoxUsage:r5.xlarge", Oct1, d3, 0.25m)
         .Cost("i-resize", inst, logs, ec2, "BoxUsage:r5.4xlarge", d3, end, 1.00m)
         .Event("i-resize", inst, logs, Oct1.AddDays(-30), EventTypes.Created, (EventProperties.InstanceType, "r5.xlarge"))
         .Event("i-resize", inst, logs, d3, EventTypes.Resized, (EventProperties.Old, "r5.xlarge"), (EventProperties.New, "r5.4xlarge"));

        f.Cost("i-new", inst, logs, ec2, "BoxUsage:m5.xlarge", d3.AddHours(6), end, 0.50m)
         .Event("i-new", inst, logs, d3.AddHours(6), EventTypes.Created, (EventProperties.InstanceType, "m5.xlarge"));

        f.Cost("i-gone", inst, search, ec2, "BoxUsage:m5.xlarge", Oct1, Oct1.AddHours(36), 0.50m)
         .Event("i-gone", inst, search, Oct1.AddDays(-30), EventTypes.Created)
         .Event("i-gone", inst, search, Oct1.AddHours(36), EventTypes.Deleted);

        f.Cost("i-price", inst, search, ec2, "BoxUsage:m5.large", Oct1, d3, 0.10m)
         .Cost("i-price", inst, search, ec2, "BoxUsage:m5.large", d3, end, 0.12m)
         .Event("i-price", inst, search, Oct1.AddDays(-30), EventTypes.Created);

        f.Cost("i-tag", inst, logs, ec2, "BoxUsage:m5.2xlarge", Oct1, d3, 0.30m)
         .Cost("i-tag", inst, search, ec2, "BoxUsage:m5.2xlarge", d3, end, 0.30m)
         .Event("i-tag", inst, logs, Oct1.AddDays(-30), EventTypes.Created)
         .Event("i-tag", inst, search, d3, EventTypes.TagChanged, (EventProperties.Key, "index"), (EventProperties.Old, "logs"), (EventProperties.New, "search"));

        f.Cost("vol-flat", ResourceTypes.Volume, logs, ebs, "EBS:VolumeUsage.gp3", Oct1, end, 0.05m)
         .Event("vol-flat", ResourceTypes.Volume, logs, Oct1.AddDays(-30), EventTypes.Created);

        f.Cost("nat-1", ResourceTypes.NatGateway, shared, ec2, "NatGateway-Bytes", Oct1, d3, 0.45m, 10)
         .Cost("nat-1", ResourceTypes.NatGateway, shared, ec2, "NatGateway-Bytes", d3, end, 1.35m, 30)
         .Event("nat-1", ResourceTypes.NatGateway, shared, Oct1.AddDays(-90), EventTypes.Created);

        f.Cost("vol-orphan", ResourceTypes.Volume, pipeline, ebs, "EBS:VolumeUsage.gp3", d3.AddHours(1), end, 0.10m)
         .Event("vol-orphan", ResourceTypes.Volume, pipeline, d3.AddHours(1), EventTypes.Created, (EventProperties.SizeGb, "500"))
         .Event("vol-orphan", ResourceTypes.Volume, pipeline, d3.AddHours(1), EventTypes.Attached, (EventProperties.Target, "i-worker"))
         .Event("vol-orphan", ResourceTypes.Volume, pipeline, d3.AddHours(5), EventTypes.Detached, (EventProperties.Target, "i-worker"))
         .Snapshot("vol-orphan", ResourceTypes.Volume, pipeline, "scratch", ResourceStates.Available, d3.AddHours(1));

        f.Cost("i-test", inst, loadtest, ec2, "BoxUsage:i3.4xlarge", Oct1, Oct1.AddHours(12), 1.00m)
         .Cost("i-test", inst, loadtest, ec2, "BoxUsage:i3.4xlarge", d3, end, 1.00m)
         .Event("i-test", inst, loadtest, Oct1.AddDays(-30), EventTypes.Created, (EventProperties.InstanceType, "i3.4xlarge"))
         .Event("i-test", inst, loadtest, Oct1, EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Stopped), (EventProperties.NewState, ResourceStates.Running))
         .Event("i-test", inst, loadtest, Oct1.AddHours(12), EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Running), (EventProperties.NewState, ResourceStates.Stopped))
         .Event("i-test", inst, loadtest, d3, EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Stopped), (EventProperties.NewState, ResourceStates.Running));

        f.Cost("i-stop", inst, globex, ec2, "BoxUsage:m5.large", Oct1, d3.AddHours(10), 0.20m)
         .Event("i-stop", inst, globex, Oct1.AddDays(-30), EventTypes.Created)
         .Event("i-stop", inst, globex, d3.AddHours(10), EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Running), (EventProperties.NewState, ResourceStates.Stopped));

        f.Cost("i-start", inst, globex, ec2, "BoxUsage:m5.xlarge", d3.AddHours(12), end, 0.40m)
         .Event("i-start", inst, globex, Oct1.AddDays(-40), EventTypes.Created)
         .Event("i-start", inst, globex, Oct1.AddDays(-11), EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Running), (EventProperties.NewState, ResourceStates.Stopped))
         .Event("i-start", inst, globex, d3.AddHours(12), EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Stopped), (EventProperties.NewState, ResourceStates.Running));

        f.Account(AccountA, "prod-search", "production").Account(AccountB, "internal-tools", "development");
        await f.WriteAsync(Ch);
    }

    public async Task DisposeAsync()
    {
        await Ch.DisposeAsync();
    }
}
