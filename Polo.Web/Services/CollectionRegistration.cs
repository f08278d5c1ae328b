using Polo.Collection;
using Polo.Collection.Alerts;
using Polo.Collection.Cost;
using Polo.Collection.Lifecycle;

namespace Polo.Web.Services;

public static class CollectionRegistration
{
    /// <summary>
    /// Every collector ("ec2-config", "cur", "cost-explorer", "lifecycle"), the runner and the in-process Quartz
    /// scheduler, configured from the <c>Collection</c> section. With no accounts configured the per-account collectors
    /// stay disabled and the status page says how to configure them.
    /// </summary>
    public static IServiceCollection AddPoloCollectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPoloCollection(configuration);
        services.AddPoloAlerts(configuration);
        services.AddCostCollectors(configuration);
        services.AddLifecycleCollector(configuration);
        return services;
    }
}
