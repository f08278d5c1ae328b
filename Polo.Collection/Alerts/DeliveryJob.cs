using Polo.Data.Notifications;
using Quartz;

namespace Polo.Collection.Alerts;

/// <summary>Delivers due outbox messages (retries whose backoff has passed) every <see cref="AlertsOptions.DeliverySeconds"/>.</summary>
[DisallowConcurrentExecution]
public sealed class DeliveryJob(AlertNotifier notifier) : IJob
{
    public static readonly JobKey Key = new("alert-delivery", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (notifier.HasChannels) await notifier.DeliverDueAsync(cancellationToken);
    }
}
