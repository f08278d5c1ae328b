using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Collection.Configuration;
using Polo.Collection.Runs;
using Polo.Data.Access;
using Quartz;

namespace Polo.Collection.Scheduling;

public enum RunNowResult { Started, AlreadyRunning, Disabled, Unknown, NotStarted, NotAllowed }

/// <summary>
/// Registers one durable Quartz job per collector (found by name in DI), adds a cron trigger for each configured
/// schedule, starts the in-process scheduler with the host and stops it with the host. "Run now" fires the job at once.
/// </summary>
public sealed class CollectorScheduler : IHostedService
{
    public const string Group = "collectors";

    private readonly ISchedulerFactory _factory;
    private readonly CollectorRunner _runner;
    private readonly CollectionConfig _config;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, DateTime> _pending = new(StringComparer.OrdinalIgnoreCase);
    private IScheduler? _scheduler;
    private volatile bool _running;

    public CollectorScheduler(ISchedulerFactory factory, CollectorRunner runner, CollectionConfig config,
        ILogger<CollectorScheduler>? log = null)
    {
        _factory = factory;
        _runner = runner;
        _config = config;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    public bool Started => _running;

    /// <summary>A "run now" was accepted and the job has not started yet.</summary>
    public bool IsPending(string collector) => _pending.ContainsKey(collector);

    /// <summary>The job of <paramref name="collector"/> starts: a "run now" for it is no longer pending.</summary>
    internal void JobStarting(string collector) => _pending.TryRemove(collector, out _);

    public static JobKey KeyOf(string collector) => new(collector, Group);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in _config.Problems) _log.LogWarning("Collection configuration: {Problem}", problem);
        var scheduler = await _factory.GetScheduler(cancellationToken);
        foreach (var name in _runner.CollectorNames)
        {
            var job = JobBuilder.Create<CollectorJob>()
                .WithIdentity(KeyOf(name))
                .UsingJobData(CollectorJob.CollectorKey, name)
                .StoreDurably()
                .Build();
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
            var disabled = _runner.Find(name)!.PerAccount && !_config.AccountsConfigured;
            if (!disabled && _config.Options.Scheduler && _config.ScheduleOf(name) is { } cron)
            {
                var trigger = TriggerBuilder.Create()
                    .WithIdentity($"{name}-schedule", Group)
                    .ForJob(job.Key)
                    .UsingJobData(CollectorJob.TriggerKey, RunTrigger.Scheduled)
                    .WithCronSchedule(cron)
                    .Build();
                await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
                _log.LogInformation("Collector {Collector} scheduled: {Cron}", name, cron);
            }
        }
        if (!_config.Options.Scheduler)
            _log.LogWarning("Collection:Scheduler is false: this instance fires no schedules (collectors run here only on Run now)");
        await scheduler.Start(cancellationToken);
        _scheduler = scheduler;
        _running = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } s && _running)
        {
            _running = false;
            await s.Shutdown(true, cancellationToken);
        }
    }

    /// <summary>
    /// Fires the collector's job now, unless <paramref name="actor"/> is not an operator (<see cref="RunNowResult.NotAllowed"/>,
    /// nothing started), or the collector is unknown, disabled or already running.
    /// </summary>
    public async Task<RunNowResult> RunNowAsync(string collector, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Can(Roles.Operator))
        {
            _log.LogWarning("Run now of {Collector} refused: {Actor} is not an operator", collector, actor);
            return RunNowResult.NotAllowed;
        }
        var c = _runner.Find(collector);
        if (c == null) return RunNowResult.Unknown;
        if (c.PerAccount && !_config.AccountsConfigured) return RunNowResult.Disabled;
        if (_runner.IsRunning(c.Name) || IsPending(c.Name)) return RunNowResult.AlreadyRunning;
        if (_scheduler is not { } scheduler || !_running) return RunNowResult.NotStarted;
        _pending[c.Name] = DateTime.UtcNow;
        _log.LogInformation("Run now of {Collector} by {Actor}", c.Name, actor);
        await scheduler.TriggerJob(KeyOf(c.Name), new JobDataMap { [CollectorJob.TriggerKey] = RunTrigger.Manual }, ct);
        return RunNowResult.Started;
    }

    /// <summary>The next scheduled fire time of a collector, or null when it has no schedule.</summary>
    public DateTimeOffset? NextFire(string collector)
    {
        if (!_config.Options.Scheduler || _runner.Find(collector) is not { } c || (c.PerAccount && !_config.AccountsConfigured)) return null;
        return _config.ScheduleOf(c.Name) is { } cron ? CollectionConfig.NextFire(cron, DateTimeOffset.UtcNow) : null;
    }
}
