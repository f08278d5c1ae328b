using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Forecast;

namespace Polo.Data.Budgets;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>Budgets (store and evaluator), the cost forecaster and anomaly detection with its feedback store, singletons over the engine and the cost queries.</summary>
    public static IServiceCollection AddPoloBudgets(this IServiceCollection services)
    {
        services.AddSingleton(sp => new BudgetStore(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new BudgetEvaluator(sp.GetRequiredService<ICostQueries>()));
        services.AddSingleton(sp => new CostForecaster(sp.GetRequiredService<ICostQueries>()));
        services.AddSingleton(sp => new AnomalyDetector(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new AnomalyFeedbackStore(sp.GetRequiredService<IClickHouse>()));
        return services;
    }
}
