using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polo.Data;
using Polo.Data.Changes;

namespace Polo.Collection.Core;

/// <summary>What each collector's AddXxx registration does: bind its options, register it as <see cref="ICollector"/>.</summary>
internal static class CollectorRegistration
{
    /// <summary>Binds a new <typeparamref name="T"/> from <paramref name="section"/>, registers it as a singleton and
    /// returns it (collectors take their options by constructor).</summary>
    public static T AddBoundOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        services.AddSingleton(options);
        return options;
    }

    /// <summary>Registers a singleton <see cref="ICollector"/> built from the engine, the change notifier and the
    /// collector's logger (both optional).</summary>
    public static IServiceCollection AddCollector<T>(this IServiceCollection services,
        Func<IServiceProvider, IClickHouse, DataChangeNotifier?, ILogger<T>?, T> create) where T : class, ICollector =>
        services.AddSingleton<ICollector>(sp => create(sp, sp.GetRequiredService<IClickHouse>(),
            sp.GetService<DataChangeNotifier>(), sp.GetService<ILogger<T>>()));
}
