using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polo.Collection.Aws;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Collection.Ec2;
using Polo.Collection.Inventory;
using Polo.Collection.Inventory.Safety;
using Polo.Collection.Runs;
using Polo.Collection.Scheduling;
using Polo.Data.Changes;
using Quartz;

namespace Polo.Collection;

public static class CollectionServiceCollectionExtensions
{
    /// <summary>
    /// The collection framework: validated <c>Collection</c> options, AWS client factory, runner and run store, the
    /// EC2 config collector, and the in-process Quartz scheduler (started with the host). Other collectors join by
    /// registering <see cref="ICollector"/>. Needs <c>AddPoloData</c> (IClickHouse, DataChangeNotifier).
    /// </summary>
    public static IServiceCollection AddPoloCollection(this IServiceCollection services, IConfiguration configuration,
        AWSCredentials? baseCredentials = null)
    {
        var options = new CollectionOptions();
        configuration.GetSection(CollectionOptions.Section).Bind(options);
        var config = CollectionConfig.From(options);
        services.TryAddSingleton(config);
        services.TryAddSingleton(config.Options);
        services.TryAddSingleton(options.HierarchyTags);
        services.TryAddSingleton(config.Options.Safety);
        services.TryAddSingleton<HeldDeletionStore>();
        services.TryAddSingleton<IDeletionConfirmationPolicy, NoSignInPolicy>();
        services.TryAddSingleton<HeldDeletionService>();
        services.TryAddSingleton(sp => new AwsClientFactory(sp.GetRequiredService<CollectionOptions>(), baseCredentials));
        services.TryAddSingleton<AccountCredentials>();
        services.TryAddSingleton<CollectorRunStore>();
        services.TryAddSingleton<InventoryStore>();
        services.TryAddSingleton<HierarchyTags>();
        services.TryAddSingleton<CollectorRunner>();
        services.AddSingleton<ICollector, Ec2ConfigCollector>();
        services.AddSingleton<ICollectorFollowUp>(sp => new BillInventoryFollowUp(sp.GetRequiredService<Polo.Data.IClickHouse>(),
            sp.GetRequiredService<HierarchyTagOptions>(), sp.GetService<DataChangeNotifier>()));

        services.AddQuartz(q => q.UseInMemoryStore(_ => { }));
        services.AddTransient<CollectorJob>();
        services.TryAddSingleton<CollectorScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CollectorScheduler>());
        services.TryAddSingleton<Status.CollectorStatusService>();
        services.TryAddSingleton<Status.CollectorProgressBoard>();
        return services;
    }
}
