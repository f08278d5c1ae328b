using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polo.Collection.Runs;
using Polo.Collection.Scheduling;
using Polo.Data;
using Polo.Data.Access;
using Polo.Data.Changes;

namespace Polo.Collection.Tests.Scheduling;

/// <summary>The DI registration and the real in-process Quartz scheduler driving the EC2 collector.</summary>
public sealed class CollectorSchedulerTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeAws _aws = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    /// <summary>The first batch of <paramref name="collector"/> that finishes from now on, as recorded; it is watched
    /// through the notifier (subscribed before this returns its task), so start it before triggering the run.</summary>
    private static async Task<CollectorBatchSummary> FinishedBatchAsync(ServiceProvider sp, string collector)
    {
        var store = sp.GetRequiredService<CollectorRunStore>();
        var runner = sp.GetRequiredService<CollectorRunner>();
        var done = new TaskCompletionSource<CollectorBatchSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = sp.GetRequiredService<DataChangeNotifier>().Subscribe(DataKinds.CollectorRuns, async _ =>
        {
            if (runner.IsRunning(collector)) return;
            var batch = (await store.LatestBatchesAsync()).FirstOrDefault(b => b.Collector == collector);
            if (batch is { BatchFinished: not null }) done.TrySetResult(batch);
        }, TimeSpan.FromMilliseconds(50));
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private ServiceProvider Services(string account, string? cron = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Collection:Accounts:0:AccountId"] = account,
            ["Collection:Accounts:0:Name"] = "test",
            ["Collection:Accounts:0:RoleArn"] = $"arn:aws:iam::{account}:role/polo",
            ["Collection:DefaultRegions:0"] = "us-east-1",
            ["Collection:ServiceUrls:EC2"] = _aws.Url,
            ["Collection:ServiceUrls:STS"] = _aws.Url,
        };
        if (cron != null) settings["Collection:Schedules:ec2-config"] = cron;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClickHouse>(db.Ch);
        services.AddSingleton<DataChangeNotifier>();
        services.AddPoloCollection(configuration, new Amazon.Runtime.BasicAWSCredentials("AKIDBASE", "secret"));
        return services.BuildServiceProvider();
    }

    private static readonly Actor Ops = new("ops", Roles.Operator);

    [Fact]
    public async Task A_viewer_cannot_run_a_collector_now_and_nothing_runs()
    {
        const string account = "400000000099";
        await using var sp = Services(account);
        var scheduler = sp.GetRequiredService<CollectorScheduler>();
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(RunNowResult.NotAllowed, await scheduler.RunNowAsync("ec2-config", new Actor("vera", Roles.Viewer)));
            Assert.Equal(RunNowResult.NotAllowed, await scheduler.RunNowAsync("ec2-config", Actor.Anonymous));
            Assert.False(scheduler.IsPending("ec2-config"));
            await Task.Delay(500);
            Assert.DoesNotContain(await sp.GetRequiredService<CollectorRunStore>().LatestPerAccountAsync("ec2-config"), r => r.AccountId == account);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Run_now_fires_the_job_which_runs_the_collector_and_records_a_manual_run()
    {
        const string account = "400000000001";
        _aws.Estate(account).Instances.Add(new FakeInstance("i-sched-1", "m5.large"));
        await using var sp = Services(account);
        var scheduler = sp.GetRequiredService<CollectorScheduler>();
        var finished = FinishedBatchAsync(sp, "ec2-config");

        Assert.Equal(RunNowResult.NotStarted, await scheduler.RunNowAsync("ec2-config", Ops));
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            Assert.Null(scheduler.NextFire("ec2-config")); // no schedule: on demand only
            Assert.Equal(RunNowResult.Started, await scheduler.RunNowAsync("ec2-config", Ops));
            var second = await scheduler.RunNowAsync("ec2-config", Ops);
            Assert.Equal(RunNowResult.AlreadyRunning, second);
            Assert.Equal(RunNowResult.Unknown, await scheduler.RunNowAsync("nope", Ops));

            var result = await finished;
            Assert.True(result.FailedUnits == 0, result.FirstError);
            var rows = await sp.GetRequiredService<CollectorRunStore>().LatestPerAccountAsync("ec2-config");
            var run = Assert.Single(rows, r => r.AccountId == account);
            Assert.Equal((RunStatus.Ok, RunTrigger.Manual), (run.Status, run.Trigger));
            Assert.True(run.RowsWritten > 0);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_cron_schedule_fires_the_collector_on_its_own()
    {
        const string account = "400000000002";
        _aws.Estate(account).Instances.Add(new FakeInstance("i-sched-2", "m5.large"));
        await using var sp = Services(account, "0/2 * * * * ?");
        var scheduler = sp.GetRequiredService<CollectorScheduler>();
        var finished = FinishedBatchAsync(sp, "ec2-config");

        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            var next = scheduler.NextFire("ec2-config");
            Assert.NotNull(next);
            Assert.True(next <= DateTimeOffset.UtcNow.AddSeconds(3));
            var result = await finished;
            Assert.True(result.FailedUnits == 0, result.FirstError);
            var batch = Assert.Single(await sp.GetRequiredService<CollectorRunStore>().BatchAsync(result.BatchId));
            Assert.Equal(RunTrigger.Scheduled, batch.Trigger);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }
}
