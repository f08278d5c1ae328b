using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Notifications;

namespace Polo.Collection.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>Alerts from the <c>Alerts</c> section: Slack routes as channels, the notifier with its stored sent state,
    /// the evaluator and its Quartz job. Needs AddPoloCollection (the scheduler) and the anomaly detector.</summary>
    public static IServiceCollection AddPoloAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new AlertsOptions();
        configuration.GetSection(AlertsOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        foreach (var route in options.Slack.Where(r => !r.Problems().Any()))
            services.AddSingleton<IAlertChannel>(sp => new SlackWebhookChannel(sp.GetRequiredService<HttpClient>(), route, options.BaseUrl));
        services.AddSingleton(sp => new SentState(sp.GetRequiredService<IClickHouse>()));
        services.AddSingleton(sp => new AlertNotifier(sp.GetRequiredService<SentState>(), sp.GetServices<IAlertChannel>(),
            TimeSpan.FromMinutes(options.CooldownMinutes), sp.GetService<ILogger<AlertNotifier>>()));
        services.AddSingleton(sp => new AlertEvaluator(sp.GetRequiredService<ICostQueries>(), sp.GetRequiredService<AnomalyDetector>(),
            sp.GetRequiredService<AlertNotifier>(), options));
        services.AddTransient<AlertJob>();
        services.AddHostedService<AlertScheduler>();
        return services;
    }
}
