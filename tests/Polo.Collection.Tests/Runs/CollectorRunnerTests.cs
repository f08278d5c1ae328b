using System.Collections.Concurrent;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Collection.Runs;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Changes;
using static Polo.Collection.Tests.Infrastructure.CollectorHarness;

namespace Polo.Collection.Tests.Runs;

/// <summary>The multi-account runner over the real SDK (STS + EC2 against the loopback fake) and the real engine.</summary>
public sealed class CollectorRunnerTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeAws _aws = new();
    private IClickHouse Ch => db.Ch;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private void SmallEstate(string account)
    {
        var e = _aws.Estate(account);
        e.Instances.Add(new FakeInstance($"i-{account}", "m5.large", Tags: Tags("web", "acme", "prod-1", "search")));
        e.Volumes.Add(new FakeVolume($"vol-{account}", 20, AttachedTo: $"i-{account}"));
    }

    private Task<long> Snapshots(string account) => Ch.ScalarAsync<long>(
        "SELECT count() FROM resource_snapshots WHERE account_id = {a:String}", new QueryParams { ["a"] = account });

    [Fact]
    public async Task Throttled_calls_are_retried_with_backoff_until_they_succeed()
    {
        const string account = "300000000001";
        SmallEstate(account);
        _aws.Queue("DescribeInstances", account, FakeResponse.Throttled(), FakeResponse.Throttled());
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok, result.Units.Count > 0 ? result.Units[0].Error : null);
        Assert.Equal(3, _aws.Count("DescribeInstances", account)); // two 503 RequestLimitExceeded, then the page
        Assert.Equal(2, await Snapshots(account));
    }

    [Fact]
    public async Task One_failing_account_does_not_stop_the_others_and_each_failure_is_recorded_clearly()
    {
        const string good = "300000000002", denied = "300000000003", throttled = "300000000004";
        SmallEstate(good);
        SmallEstate(denied);
        SmallEstate(throttled);
        _aws.DeniedRoles[$"arn:aws:iam::{denied}:role/polo-collector"] = true;
        _aws.Queue("DescribeInstances", throttled, Enumerable.Range(0, 10).Select(_ => FakeResponse.Throttled()).ToArray());
        var h = new CollectorHarness(Ch, _aws, [good, denied, throttled], configure: o => o.MaxErrorRetry = 2);

        var result = await h.RunAsync();

        var byAccount = result.Units.ToDictionary(u => u.AccountId);
        Assert.Equal(RunStatus.Ok, byAccount[good].Status);
        Assert.True(byAccount[good].RowsWritten > 0);
        Assert.Equal(RunStatus.Failed, byAccount[denied].Status);
        Assert.StartsWith("AWS AccessDenied (403)", byAccount[denied].Error);
        Assert.Contains("sts:AssumeRole", byAccount[denied].Error);
        Assert.Equal(RunStatus.Failed, byAccount[throttled].Status);
        Assert.StartsWith("AWS RequestLimitExceeded (503)", byAccount[throttled].Error);
        Assert.Equal(3, _aws.Count("DescribeInstances", throttled)); // 1 try + 2 retries
        Assert.Equal(0, _aws.Count("DescribeInstances", denied));
        Assert.DoesNotContain("   at ", byAccount[throttled].Error);

        Assert.Equal(2, await Snapshots(good));
        Assert.Equal(0, await Snapshots(denied));
        Assert.Equal(1, await Snapshots(throttled)); // its volume landed; its instances were left as they were
        Assert.Contains("ec2_instance were left as they were", byAccount[throttled].Error);
        Assert.All(_aws.Requests.Where(r => r.Action == "AssumeRole"), r => Assert.Equal("polo-collector", r.Form["RoleSessionName"]));
    }

    [Fact]
    public async Task A_truncated_response_fails_that_call_with_a_clear_error_and_writes_nothing_from_it()
    {
        const string good = "300000000005", broken = "300000000006";
        SmallEstate(good);
        SmallEstate(broken);
        var truncated = _aws.Estate(broken).Describe("DescribeVolumes", null);
        _aws.Queue("DescribeVolumes", broken, FakeResponse.Ok(truncated[..(truncated.Length / 2)]));
        var h = new CollectorHarness(Ch, _aws, [good, broken], configure: o => o.MaxErrorRetry = 0);

        var result = await h.RunAsync();

        var failed = Assert.Single(result.Units, u => u.Status == RunStatus.Failed);
        Assert.Equal(broken, failed.AccountId);
        Assert.StartsWith("Malformed response from AWS to DescribeVolumes: the answer is not well-formed XML", failed.Error);
        Assert.Equal(1, await Snapshots(broken)); // the instance landed, the volume did not
        Assert.Equal(0, await Ch.ScalarAsync<long>("SELECT count() FROM resource_events WHERE account_id = {a:String} AND resource_type = 'ebs_volume'",
            new QueryParams { ["a"] = broken }));
        Assert.Equal(2, await Snapshots(good));
    }

    [Fact]
    public async Task Every_unit_is_recorded_and_the_queries_return_latest_batch_per_account_and_history()
    {
        const string a = "300000000007", b = "300000000008";
        SmallEstate(a);
        SmallEstate(b);
        _aws.Estate(a, "eu-west-1").Instances.Add(new FakeInstance("i-eu-1", "m5.large"));
        _aws.DeniedRoles[$"arn:aws:iam::{b}:role/polo-collector"] = true;
        var h = new CollectorHarness(Ch, _aws, [a, b], configure: o => o.Accounts[0].Regions = ["us-east-1", "eu-west-1"]);

        var first = await h.RunAsync();
        var second = await h.RunAsync();

        Assert.Equal(3, first.Units.Count);
        Assert.Equal(4, _aws.Requests.Count(r => r.Action == "AssumeRole")); // once per account per batch, not per region
        Assert.Equal(new[] { "eu-west-1", "us-east-1" }, _aws.Requests.Where(r => r.Action == "DescribeInstances")
            .Select(r => r.Region).Distinct().Order());
        // Each batch: its start and end, and each unit's running and finished rows; inventory only from the first run's
        // two reachable regions (the second run finds nothing new, the denied account writes nothing).
        Assert.Equal(2 * (2 + 2 * 3), h.Probe.Publishes(DataKinds.CollectorRuns));
        Assert.Equal(2, h.Probe.Publishes(DataKinds.Inventory));
        Assert.Equal(first.Rows, h.Probe.Rows(DataKinds.Inventory));

        var batches = await h.Runs.LatestBatchesAsync();
        var latest = Assert.Single(batches, x => x.Collector == "ec2-config" && x.BatchId == second.BatchId);
        Assert.Equal((3UL, 1UL, 0UL), (latest.Units, latest.FailedUnits, latest.RunningUnits));
        Assert.Equal(RunStatus.Failed, latest.Status);
        Assert.Equal(RunTrigger.Manual, latest.Trigger);
        Assert.StartsWith("AWS AccessDenied", latest.FirstError);
        Assert.Equal(0UL, latest.BatchRows); // the second run found nothing new
        Assert.NotNull(latest.BatchFinished);

        var perAccount = await h.Runs.LatestPerAccountAsync("ec2-config");
        Assert.Equal(3, perAccount.Count(r => r.AccountId == a || r.AccountId == b));
        Assert.All(perAccount.Where(r => r.AccountId == a || r.AccountId == b), r => Assert.Equal(second.BatchId, r.BatchId));
        Assert.All(perAccount.Where(r => r.AccountId == a), r => Assert.Equal(RunStatus.Ok, r.Status));

        var history = await h.Runs.HistoryAsync("ec2-config", 100);
        Assert.Equal(6, history.Count(r => r.BatchId == first.BatchId || r.BatchId == second.BatchId));
        Assert.DoesNotContain(history, r => r.Status == RunStatus.Running);
        Assert.All(history, r => Assert.NotNull(r.FinishedAt));
        Assert.True(first.Units.Where(u => u.AccountId == a).Sum(u => (long)u.RowsWritten) > 0);
    }

    [Fact]
    public async Task Units_run_in_parallel_up_to_the_configured_bound_and_a_global_collector_runs_once()
    {
        var accounts = Enumerable.Range(10, 6).Select(i => $"3000000000{i}").ToList();
        foreach (var a in accounts) _aws.Estate(a);
        var probe = new ConcurrencyProbe();
        var global = new GlobalProbe();
        var options = new CollectionOptions
        {
            Accounts = accounts.Select(a => new AccountOptions { AccountId = a, RoleArn = $"arn:aws:iam::{a}:role/r" }).ToList(),
            MaxParallelAccounts = 2,
            ServiceUrls = new(StringComparer.OrdinalIgnoreCase) { ["STS"] = _aws.Url },
        };
        var config = CollectionConfig.From(options);
        var clients = new Polo.Collection.Aws.AwsClientFactory(config.Options, new Amazon.Runtime.BasicAWSCredentials("AKID", "s"));
        var runner = new CollectorRunner([probe, global], config, new Polo.Collection.Aws.AccountCredentials(clients),
            new CollectorRunStore(Ch));

        var result = await runner.RunAsync("probe", RunTrigger.Scheduled);
        var once = await runner.RunAsync("global", RunTrigger.Scheduled);

        Assert.True(result.Ok);
        Assert.Equal(6, result.Units.Count);
        Assert.Equal(2, probe.MaxSeen);
        Assert.All(probe.Credentials, c => Assert.StartsWith("ASIA", c));
        var unit = Assert.Single(once.Units);
        Assert.Equal("*", unit.AccountId);
        Assert.Equal(7UL, unit.RowsWritten);
        Assert.Equal("7 rows from the probe", unit.Detail);
        var recorded = Assert.Single(await new CollectorRunStore(Ch).LatestBatchesAsync(), b => b.Collector == "global");
        Assert.Equal("7 rows from the probe", recorded.FirstDetail);
        Assert.Equal("7 rows from the probe", Assert.Single(await new CollectorRunStore(Ch).LatestPerAccountAsync("global")).Detail);
    }

    [Fact]
    public async Task A_collector_already_running_is_not_started_twice()
    {
        const string account = "300000000020";
        _aws.Estate(account);
        var gate = new GateProbe();
        var options = new CollectionOptions
        {
            Accounts = [new AccountOptions { AccountId = account }],
            ServiceUrls = new(StringComparer.OrdinalIgnoreCase) { ["STS"] = _aws.Url },
        };
        var config = CollectionConfig.From(options);
        var clients = new Polo.Collection.Aws.AwsClientFactory(config.Options, new Amazon.Runtime.BasicAWSCredentials("AKID", "s"));
        var runner = new CollectorRunner([gate], config, new Polo.Collection.Aws.AccountCredentials(clients), new CollectorRunStore(Ch));

        var first = runner.RunAsync("gate", RunTrigger.Manual);
        await gate.Entered.Task;
        var second = await runner.RunAsync("gate", RunTrigger.Manual);
        Assert.True(runner.IsRunning("gate"));
        var store = new CollectorRunStore(Ch);
        var whileRunning = Assert.Single(await store.LatestBatchesAsync(), b => b.Collector == "gate");
        Assert.Equal((RunStatus.Running, 1UL), (whileRunning.Status, whileRunning.RunningUnits));
        Assert.Null(whileRunning.BatchFinished);
        gate.Release.SetResult();
        var done = await first;

        Assert.True(second.AlreadyRunning);
        Assert.Empty(second.Units);
        Assert.True(done.Ok);
        Assert.False(runner.IsRunning("gate"));
        var after = Assert.Single(await store.LatestBatchesAsync(), b => b.Collector == "gate");
        Assert.Equal((RunStatus.Ok, 0UL, 1UL), (after.Status, after.RunningUnits, after.BatchRows));
        var unknown = await runner.RunAsync("nope", RunTrigger.Manual);
        Assert.Equal("No collector named 'nope' is registered.", unknown.Refused);
    }

    [Fact]
    public async Task A_host_without_any_aws_credentials_gets_a_plain_message_not_an_sdk_internal()
    {
        const string account = "300000000030";
        SmallEstate(account);
        var options = new CollectionOptions
        {
            Accounts = [new AccountOptions { AccountId = account, RoleArn = $"arn:aws:iam::{account}:role/polo" }],
            ServiceUrls = new(StringComparer.OrdinalIgnoreCase) { ["STS"] = _aws.Url, ["EC2"] = _aws.Url },
        };
        var config = CollectionConfig.From(options);
        var clients = new Polo.Collection.Aws.AwsClientFactory(config.Options); // no explicit credentials: default chain
        var h = new CollectorHarness(Ch, _aws, [account]);
        var runner = new CollectorRunner([h.Collector], config, new Polo.Collection.Aws.AccountCredentials(clients), h.Runs);

        var result = await runner.RunAsync("ec2-config", RunTrigger.Manual);

        var unit = Assert.Single(result.Units);
        Assert.Equal(RunStatus.Failed, unit.Status);
        Assert.StartsWith("No AWS credentials were found for the Polo host", unit.Error);
        Assert.Equal(0, _aws.Count("AssumeRole"));
    }

    private sealed class ConcurrencyProbe : ICollector
    {
        private int _now;
        public int MaxSeen;
        public ConcurrentBag<string> Credentials { get; } = new();
        public string Name => "probe";
        public bool PerAccount => true;

        public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _now);
            lock (this) MaxSeen = Math.Max(MaxSeen, n);
            Credentials.Add((await scope.Credentials!.GetCredentialsAsync()).AccessKey);
            await Task.Delay(150, ct);
            Interlocked.Decrement(ref _now);
            return new CollectorOutcome(0);
        }
    }

    private sealed class GlobalProbe : ICollector
    {
        public string Name => "global";
        public bool PerAccount => false;
        public Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct) =>
            Task.FromResult(new CollectorOutcome(scope.AccountId == "*" && scope.Credentials == null ? 7 : -1, "7 rows from the probe"));
    }

    private sealed class GateProbe : ICollector
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name => "gate";
        public bool PerAccount => true;

        public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
        {
            Entered.TrySetResult();
            await Release.Task;
            return new CollectorOutcome(1);
        }
    }
}
