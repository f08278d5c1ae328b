using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Notifications;
using Polo.Data.Rules;

namespace Polo.Collection.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>Alerts from the <c>Alerts</c> section: Slack, email and webhook routes as channels (a route with problems
    /// is left out and logged at start), the outbox notifier, the evaluator, and their Quartz jobs (evaluation, delivery
    /// of retries, weekly digest). Needs AddPoloCollection (the scheduler) and AddPoloBudgets (detector, rules, outbox).</summary>
    public static IServiceCollection AddPoloAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new AlertsOptions();
        configuration.GetSection(AlertsOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        foreach (var route in options.Slack.Where(r => !r.Problems().Any()))
            services.AddSingleton<IAlertChannel>(sp => new SlackWebhookChannel(sp.GetRequiredService<HttpClient>(), route, options.BaseUrl));
        if (options.Email.Count > 0 && !options.Smtp.Problems().Any())
            foreach (var route in options.Email.Where(r => !r.Problems().Any()))
                services.AddSingleton<IAlertChannel>(_ => new EmailChannel(options.Smtp, route, options.BaseUrl));
        foreach (var route in options.Webhooks.Where(r => !r.Problems().Any()))
            services.AddSingleton<IAlertChannel>(sp => new WebhookChannel(sp.GetRequiredService<HttpClient>(), route, options.BaseUrl));
        services.AddSingleton(sp => new AlertNotifier(sp.GetRequiredService<Outbox>(), sp.GetServices<IAlertChannel>(),
            options.Delivery(), sp.GetService<TimeProvider>(), sp.GetService<ILogger<AlertNotifier>>()));
        services.AddSingleton(sp => new AlertEvaluator(sp.GetRequiredService<ICostQueries>(), sp.GetRequiredService<AnomalyDetector>(),
            sp.GetRequiredService<RuleStore>(), sp.GetRequiredService<RuleEngine>(), sp.GetRequiredService<AlertNotifier>(), options));
        services.AddTransient<AlertJob>();
        services.AddTransient<DeliveryJob>();
        services.AddTransient<DigestJob>();
        services.AddHostedService<AlertScheduler>();
        return services;
    }

    /// <summary>Every configuration problem of the alert routes, for the log at start.</summary>
    public static IEnumerable<string> Problems(AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = options.Slack.SelectMany(r => r.Problems()).Concat(options.Webhooks.SelectMany(r => r.Problems()))
            .Concat(options.Email.SelectMany(r => r.Problems()));
        if (options.Email.Count > 0) all = all.Concat(options.Smtp.Problems());
        return all;
    }
}
