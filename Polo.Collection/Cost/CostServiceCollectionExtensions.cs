using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Cost.Explorer;
using Polo.Data;

namespace Polo.Collection.Cost;

public static class CostServiceCollectionExtensions
{
    /// <summary>Registers the "cur" and "cost-explorer" collectors as <see cref="ICollector"/>, bound from
    /// <c>Collection:Cur</c> and <c>Collection:CostExplorer</c>.</summary>
    public static IServiceCollection AddCostCollectors(this IServiceCollection services, IConfiguration configuration)
    {
        var cur = new CurOptions();
        configuration.GetSection(CurOptions.Section).Bind(cur);
        var explorer = new CostExplorerOptions();
        configuration.GetSection(CostExplorerOptions.Section).Bind(explorer);
        services.AddSingleton(cur);
        services.AddSingleton(explorer);

        services.AddSingleton<ICollector>(sp => new CurCollector(sp.GetRequiredService<IClickHouse>(), cur,
            sp.GetService<DataChangeNotifier>(), sp.GetService<ILogger<CurCollector>>()));
        services.AddSingleton<ICollector>(sp => new CostExplorerCollector(sp.GetRequiredService<IClickHouse>(),
            new CostExplorerClient(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, explorer,
                sp.GetService<ILogger<CostExplorerClient>>()),
            explorer, sp.GetService<DataChangeNotifier>(), sp.GetService<ILogger<CostExplorerCollector>>()));
        return services;
    }
}
