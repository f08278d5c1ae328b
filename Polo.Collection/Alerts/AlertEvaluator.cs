using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Notifications;
using Polo.Data.Rules;

namespace Polo.Collection.Alerts;

/// <summary>One evaluation: open anomalies and rule violations on the last <see cref="AlertsOptions.LookbackDays"/>
/// days with cost become alerts, and the notifier stores and sends those it has not stored before.</summary>
public sealed class AlertEvaluator(ICostQueries costs, AnomalyDetector detector, RuleStore rules, RuleEngine engine, AlertNotifier notifier, AlertsOptions options)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (!notifier.HasChannels) return 0;
        var extent = await costs.ExtentAsync(ct).ConfigureAwait(false);
        if (extent.LastHour is not { } last) return await notifier.DeliverDueAsync(ct).ConfigureAwait(false);
        var lastDay = DateOnly.FromDateTime(last);
        var from = lastDay.AddDays(-(Math.Max(1, options.LookbackDays) - 1));
        var anomalies = await detector.DetectAsync(from, lastDay, ct: ct).ConfigureAwait(false);
        var alerts = anomalies.Where(a => a.Open).Select(AnomalyAlerts.ToAlert).ToList();
        var violations = await engine.EvaluateAsync(await rules.ListAsync(ct).ConfigureAwait(false), from, lastDay, ct).ConfigureAwait(false);
        alerts.AddRange(violations.Select(RuleAlerts.ToAlert));
        return await notifier.NotifyAsync(alerts, ct).ConfigureAwait(false);
    }
}
