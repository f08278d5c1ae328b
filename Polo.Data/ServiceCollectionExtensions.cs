using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Polo.Data.Changes;
using Polo.Data.Migrations;

namespace Polo.Data;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddPoloData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ClickHouseOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<IClickHouse>(_ => new Telemetry.InstrumentedClickHouse(ClickHouseFactory.Create(options)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DataChangeNotifier>();
        return services;
    }

    /// <summary>Applies pending migrations; call once at startup before serving.</summary>
    public static async Task<MigrationResult> MigratePoloAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<ClickHouseOptions>();
        var ch = services.GetRequiredService<IClickHouse>();
        return await new MigrationRunner(ch, options.ResolveMigrationsPath()).ApplyAsync(ct);
    }
}
