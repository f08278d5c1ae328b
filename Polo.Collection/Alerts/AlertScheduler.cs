using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polo.Data.Changes;
using Quartz;

namespace Polo.Collection.Alerts;

/// <summary>Adds the alert job to the in-process Quartz scheduler (on its cron and once at start) and fires it again a
/// moment after cost data lands, so an anomaly in a new CUR file is alerted at once; the delivery job (retries) every
/// few seconds and the weekly digest on its day and hour (UTC).</summary>
public sealed class AlertScheduler(ISchedulerFactory factory, AlertsOptions options, DataChangeNotifier notifier, ILogger<AlertScheduler> log) : IHostedService
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private IScheduler? _scheduler;
    private IDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in AlertsServiceCollectionExtensions.Problems(options)) log.LogWarning("Alerts configuration: {Problem}", problem);
        var scheduler = _scheduler = await factory.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<AlertJob>().WithIdentity(AlertJob.Key).StoreDurably().Build();
        await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
        await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity("alerts-schedule", "alerts").ForJob(job.Key)
            .WithCronSchedule(options.Schedule).Build(), new ScheduleJobOptions(), cancellationToken);
        await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity("alerts-start", "alerts").ForJob(job.Key)
            .StartAt(DateTimeOffset.UtcNow.AddSeconds(10)).Build(), new ScheduleJobOptions(), cancellationToken);
        var delivery = JobBuilder.Create<DeliveryJob>().WithIdentity(DeliveryJob.Key).StoreDurably().Build();
        await scheduler.AddJob(delivery, new AddJobOptions { Replace = true }, cancellationToken);
        await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity("alert-delivery", "alerts").ForJob(delivery.Key)
            .StartAt(DateTimeOffset.UtcNow.AddSeconds(5))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, options.DeliverySeconds))).RepeatForever()).Build(), new ScheduleJobOptions(), cancellationToken);
        if (options.Digest.Enabled)
        {
            var digest = JobBuilder.Create<DigestJob>().WithIdentity(DigestJob.Key).StoreDurably().Build();
            await scheduler.AddJob(digest, new AddJobOptions { Replace = true }, cancellationToken);
            await scheduler.ScheduleJob(TriggerBuilder.Create().WithIdentity("digest-schedule", "alerts").ForJob(digest.Key)
                .WithCronSchedule(options.Digest.Cron(), c => c.InTimeZone(TimeZoneInfo.Utc)).Build(), new ScheduleJobOptions(), cancellationToken);
        }
        _subscription = notifier.Subscribe(DataKinds.Cost, OnCostLandedAsync, Settle);
    }

    private async Task OnCostLandedAsync(DataChange change)
    {
        try
        {
            if (_scheduler is { } s) await s.TriggerJob(AlertJob.Key);
        }
        catch (SchedulerException e)
        {
            log.LogWarning(e, "Could not start the alert evaluation after new data");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
