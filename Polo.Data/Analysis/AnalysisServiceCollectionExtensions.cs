using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis.Accounts;
using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Analysis.Hierarchy;
using Polo.Data.Analysis.Resources;

namespace Polo.Data.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Registers the read-side query services and the delta decomposer (singletons over <see cref="IClickHouse"/>).</summary>
    public static IServiceCollection AddPoloAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<IDeltaDecomposer>(sp => new DeltaDecomposer(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton<ICostQueries>(sp => new CostQueries(sp.GetRequiredService<IClickHouse>(), sp.GetRequiredService<IDeltaDecomposer>()));
        services.AddSingleton<IHierarchyQueries>(sp => new HierarchyQueries(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton<IResourceQueries>(sp => new ResourceQueries(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new CurrencyQueries(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new AccountDirectory(sp.GetRequiredService<IClickHouse>()));
        return services;
    }
}
