using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polo.Collection.Core;
using Polo.Collection.Cost;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Lifecycle;
using Polo.Data;

namespace Polo.Collection.Tests.Cost;

public sealed class RegistrationTests
{
    [Fact]
    public void Cost_and_lifecycle_collectors_register_as_collectors_with_options_bound_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Collection:Cur:Folder"] = "/data/cur",
            ["Collection:Cur:TagKeys:Customer"] = "team",
            ["Collection:CostExplorer:Enabled"] = "true",
            ["Collection:CostExplorer:Granularity"] = "HOURLY",
            ["Collection:Lifecycle:QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/1/q",
            ["Collection:Lifecycle:WaitTimeSeconds"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IClickHouse>(_ => throw new InvalidOperationException("not needed to build collectors lazily"));

        services.AddCostCollectors(configuration).AddLifecycleCollector(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal("/data/cur", provider.GetRequiredService<CurOptions>().Folder);
        Assert.Equal("team", provider.GetRequiredService<CurOptions>().TagKeys.Customer);
        Assert.Equal("polo:cluster", provider.GetRequiredService<CurOptions>().TagKeys.Cluster);
        Assert.True(provider.GetRequiredService<CostExplorerOptions>().Enabled);
        Assert.Equal("HOURLY", provider.GetRequiredService<CostExplorerOptions>().Granularity);
        Assert.Equal(3, provider.GetRequiredService<LifecycleOptions>().WaitTimeSeconds);
        var descriptors = services.Where(d => d.ServiceType == typeof(ICollector)).ToList();
        Assert.Equal(3, descriptors.Count);
    }
}
