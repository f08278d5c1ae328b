using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Data.Notifications;

namespace Polo.Collection.Alerts;

/// <summary>One evaluation: open anomalies on the last <see cref="AlertsOptions.LookbackDays"/> days with cost become
/// alerts, and the notifier sends those not sent before.</summary>
public sealed class AlertEvaluator(ICostQueries costs, AnomalyDetector detector, AlertNotifier notifier, AlertsOptions options)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (!notifier.HasChannels) return 0;
        var extent = await costs.ExtentAsync(ct).ConfigureAwait(false);
        if (extent.LastHour is not { } last) return 0;
        var lastDay = DateOnly.FromDateTime(last);
        var anomalies = await detector.DetectAsync(lastDay.AddDays(-(Math.Max(1, options.LookbackDays) - 1)), lastDay, ct: ct).ConfigureAwait(false);
        var alerts = anomalies.Where(a => a.Open).Select(AnomalyAlerts.ToAlert).ToList();
        return await notifier.NotifyAsync(alerts, ct).ConfigureAwait(false);
    }
}
