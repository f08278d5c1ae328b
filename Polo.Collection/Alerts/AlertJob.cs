using Quartz;

namespace Polo.Collection.Alerts;

/// <summary>The alert evaluation as a Quartz job in the collectors' scheduler; never runs twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class AlertJob(AlertEvaluator evaluator) : IJob
{
    public static readonly JobKey Key = new("alerts", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await evaluator.RunAsync(cancellationToken);
}
