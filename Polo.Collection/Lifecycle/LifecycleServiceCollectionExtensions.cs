using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polo.Collection.Core;
using Polo.Data;

namespace Polo.Collection.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>Registers the "lifecycle" collector as <see cref="ICollector"/>, bound from <c>Collection:Lifecycle</c>.</summary>
    public static IServiceCollection AddLifecycleCollector(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new LifecycleOptions();
        configuration.GetSection(LifecycleOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<ICollector>(sp => new LifecycleCollector(sp.GetRequiredService<IClickHouse>(), options,
            sp.GetService<DataChangeNotifier>(), sp.GetService<ILogger<LifecycleCollector>>()));
        return services;
    }
}
