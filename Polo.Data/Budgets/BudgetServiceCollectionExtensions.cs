using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Changes;
using Polo.Data.Digest;
using Polo.Data.Forecast;
using Polo.Data.Notifications;
using Polo.Data.Rules;

namespace Polo.Data.Budgets;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>Budgets (store and evaluator), the cost forecaster and anomaly detection with its feedback store, rules (store and engine), the notification outbox and the digest builder, singletons over the engine and the cost queries.</summary>
    public static IServiceCollection AddPoloBudgets(this IServiceCollection services)
    {
        services.AddSingleton(sp => new BudgetStore(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new BudgetEvaluator(sp.GetRequiredService<ICostQueries>()));
        services.AddSingleton(sp => new CostForecaster(sp.GetRequiredService<ICostQueries>()));
        services.AddSingleton(sp => new AnomalyDetector(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new AnomalyFeedbackStore(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new RuleStore(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new RuleEngine(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new Outbox(sp.GetRequiredService<IClickHouse>(), sp.GetService<DataChangeNotifier>()));
        services.AddSingleton(sp => new DigestBuilder(sp.GetRequiredService<ICostQueries>(), sp.GetRequiredService<IDeltaDecomposer>(),
            sp.GetRequiredService<AnomalyDetector>(), sp.GetRequiredService<BudgetStore>(), sp.GetRequiredService<BudgetEvaluator>()));
        return services;
    }
}
