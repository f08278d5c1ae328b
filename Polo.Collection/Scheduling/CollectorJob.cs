using Polo.Collection.Runs;
using Quartz;

namespace Polo.Collection.Scheduling;

/// <summary>The one Quartz job type: runs the collector named in its data through the runner. A collector never
/// runs twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class CollectorJob(CollectorRunner runner, CollectorScheduler scheduler) : IJob
{
    public const string CollectorKey = "collector";
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var collector = data.GetString(CollectorKey) ?? context.JobDetail.Key.Name;
        var trigger = data.ContainsKey(TriggerKey) ? data.GetString(TriggerKey) ?? RunTrigger.Scheduled : RunTrigger.Scheduled;
        scheduler.JobStarting(collector);
        await runner.RunAsync(collector, trigger, cancellationToken);
    }
}
