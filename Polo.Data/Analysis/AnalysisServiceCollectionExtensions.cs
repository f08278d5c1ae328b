using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis.Accounts;
using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Analysis.Hierarchy;
using Polo.Data.Analysis.Resources;
using Polo.Data.Caching;
using Polo.Data.Changes;

namespace Polo.Data.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Registers the read-side query services and the delta decomposer (singletons over <see cref="IClickHouse"/>).
    /// Where a <see cref="DataChangeNotifier"/> is registered (the app), they answer through the shared single-flight
    /// caches (<see cref="AnalysisCaches"/>), keyed by the data version of the kinds each query reads.</summary>
    public static IServiceCollection AddPoloAnalysis(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetService<DataChangeNotifier>() is { } n ? new AnalysisCaches(n) : null!);
        services.AddSingleton<IDeltaDecomposer>(sp =>
        {
            var plain = new DeltaDecomposer(sp.GetRequiredService<IClickHouse>());
            return Caches(sp) is { } c ? new CachedDeltaDecomposer(plain, c.Decompositions) : plain;
        });
        services.AddSingleton<ICostQueries>(sp =>
        {
            var plain = new CostQueries(sp.GetRequiredService<IClickHouse>(), sp.GetRequiredService<IDeltaDecomposer>());
            return Caches(sp) is { } c ? new CachedCostQueries(plain, c.Queries) : plain;
        });
        services.AddSingleton<IHierarchyQueries>(sp =>
        {
            var plain = new HierarchyQueries(sp.GetRequiredService<IClickHouse>());
            return Caches(sp) is { } c ? new CachedHierarchyQueries(plain, c.Queries) : plain;
        });
        services.AddSingleton<IResourceQueries>(sp =>
        {
            var plain = new ResourceQueries(sp.GetRequiredService<IClickHouse>());
            return Caches(sp) is { } c ? new CachedResourceQueries(plain, c.Queries) : plain;
        });
        services.AddSingleton<ICurrencyQueries>(sp =>
        {
            var plain = new CurrencyQueries(sp.GetRequiredService<IClickHouse>());
            return Caches(sp) is { } c ? new CachedCurrencyQueries(plain, c.Queries) : plain;
        });
        services.AddSingleton(sp => new AccountDirectory(sp.GetRequiredService<IClickHouse>(), Caches(sp)?.Queries));
        return services;
    }

    private static AnalysisCaches? Caches(IServiceProvider sp) =>
        sp.GetService<DataChangeNotifier>() is null ? null : sp.GetRequiredService<AnalysisCaches>();
}
