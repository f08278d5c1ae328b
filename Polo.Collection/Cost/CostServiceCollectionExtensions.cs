using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Status;

namespace Polo.Collection.Cost;

public static class CostServiceCollectionExtensions
{
    /// <summary>Registers the "cur" and "cost-explorer" collectors as <see cref="ICollector"/>, bound from
    /// <c>Collection:Cur</c> and <c>Collection:CostExplorer</c>.</summary>
    public static IServiceCollection AddCostCollectors(this IServiceCollection services, IConfiguration configuration)
    {
        var cur = services.AddBoundOptions<CurOptions>(configuration, CurOptions.Section);
        var explorer = services.AddBoundOptions<CostExplorerOptions>(configuration, CostExplorerOptions.Section);

        services.AddCollector<CurCollector>((sp, ch, notifier, log) => new(ch, cur, notifier, log, sp.GetService<CollectorProgressBoard>()));
        return services.AddCollector<CostExplorerCollector>((sp, ch, notifier, log) => new(ch,
            new CostExplorerClient(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, explorer,
                sp.GetService<ILogger<CostExplorerClient>>()),
            explorer, notifier, log));
    }
}
