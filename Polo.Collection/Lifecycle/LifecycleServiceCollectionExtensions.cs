using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polo.Collection.Core;

namespace Polo.Collection.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>Registers the "lifecycle" collector as <see cref="ICollector"/>, bound from <c>Collection:Lifecycle</c>.</summary>
    public static IServiceCollection AddLifecycleCollector(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddBoundOptions<LifecycleOptions>(configuration, LifecycleOptions.Section);
        return services.AddCollector<LifecycleCollector>((_, ch, notifier, log) => new(ch, options, notifier, log));
    }
}
