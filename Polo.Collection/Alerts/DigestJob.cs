using Microsoft.Extensions.Logging;
using Polo.Data.Digest;
using Polo.Data.Notifications;
using Quartz;

namespace Polo.Collection.Alerts;

/// <summary>The weekly digest (<see cref="DigestOptions"/>): builds it and hands it to the outbox like any alert, so
/// it goes once per week and channel whose routes hold the "digest" kind.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestBuilder builder, AlertNotifier notifier, ILogger<DigestJob> log) : IJob
{
    public static readonly JobKey Key = new("digest", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!notifier.HasChannels) return;
        var digest = await builder.BuildAsync(ct: cancellationToken);
        if (digest is null)
        {
            log.LogInformation("No cost data yet: no weekly digest");
            return;
        }
        await notifier.NotifyAsync([digest], cancellationToken);
    }
}
