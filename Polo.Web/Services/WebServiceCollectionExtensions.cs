using Polo.Data.Analysis;
using Polo.Data.Budgets;

namespace Polo.Web.Services;

public static class WebServiceCollectionExtensions
{
    /// <summary>Everything the pages need: read-side queries, the demo seeder, the default views' warmer, collectors.</summary>
    public static IServiceCollection AddPoloWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPoloAnalysis();
        services.AddPoloBudgets();
        services.AddSingleton<DemoSeedStatus>();
        if (configuration.GetValue("Polo:SeedDemoOnFirstRun", true))
            services.AddHostedService<DemoSeeder>();
        if (configuration.GetValue("Polo:WarmDefaultViews", true))
        {
            services.AddSingleton<Warming.DefaultPageRenderer>();
            services.AddHostedService<Warming.DefaultViewWarmer>();
        }
        services.AddPoloCollectors(configuration);
        return services;
    }
}
