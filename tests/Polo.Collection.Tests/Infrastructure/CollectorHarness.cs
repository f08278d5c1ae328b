using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Polo.Collection.Aws;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Collection.Ec2;
using Polo.Collection.Inventory;
using Polo.Collection.Inventory.Safety;
using Polo.Collection.Runs;
using Polo.Data;
using Polo.Data.Changes;

namespace Polo.Collection.Tests.Infrastructure;

internal static class AwsTestEnvironment
{
    /// <summary>Nothing in a test may reach for instance metadata or the network.</summary>
    [ModuleInitializer]
    internal static void Init()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
    }
}

/// <summary>The real collection stack (config, STS, EC2 collector, runner, run store) over a database, pointed at a
/// <see cref="FakeAws"/> endpoint with explicit credentials.</summary>
public sealed class CollectorHarness
{
    public CollectorHarness(IClickHouse ch, FakeAws aws, IEnumerable<string> accountIds, int maxParallel = 4,
        Action<CollectionOptions>? configure = null)
    {
        Options = new CollectionOptions
        {
            Accounts = accountIds.Select(id => new AccountOptions
            {
                AccountId = id, Name = $"acct-{id[^2..]}", RoleArn = $"arn:aws:iam::{id}:role/polo-collector",
                Regions = ["us-east-1"],
            }).ToList(),
            MaxParallelAccounts = maxParallel,
            ServiceUrls = new(StringComparer.OrdinalIgnoreCase) { ["EC2"] = aws.Url, ["STS"] = aws.Url },
            MaxErrorRetry = 3,
        };
        configure?.Invoke(Options);
        Config = CollectionConfig.From(Options);
        Clients = new AwsClientFactory(Config.Options, new BasicAWSCredentials("AKIDBASETEST", "base-secret"));
        Store = new InventoryStore(ch);
        Runs = new CollectorRunStore(ch);
        Probe = new NotifierProbe();
        Holds = new HeldDeletionStore(ch);
        Collector = new Ec2ConfigCollector(Clients, Store, new HierarchyTags(Config.Options.HierarchyTags),
            Config.Options.Safety, Holds, Notifier);
        Runner = new CollectorRunner([Collector], Config, new AccountCredentials(Clients), Runs, Notifier);
    }

    public CollectionOptions Options { get; }
    public CollectionConfig Config { get; }
    public AwsClientFactory Clients { get; }
    public InventoryStore Store { get; }
    public CollectorRunStore Runs { get; }
    public NotifierProbe Probe { get; }
    public DataChangeNotifier Notifier => Probe.Notifier;
    public HeldDeletionStore Holds { get; }
    public ICollector Collector { get; }
    public CollectorRunner Runner { get; }

    public Task<BatchResult> RunAsync() => Runner.RunAsync(Ec2ConfigCollector.CollectorName, RunTrigger.Manual);

    public static Dictionary<string, string> Tags(string name, string? customer = null, string? cluster = null, string? index = null)
    {
        var tags = new Dictionary<string, string> { ["Name"] = name };
        if (customer != null) tags["polo:customer"] = customer;
        if (cluster != null) tags["polo:cluster"] = cluster;
        if (index != null) tags["polo:index"] = index;
        return tags;
    }
}
