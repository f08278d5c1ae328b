using Microsoft.Extensions.Time.Testing;
using Polo.Data.Caching;
using Polo.Data.Changes;

namespace Polo.Data.Tests.Caching;

/// <summary>The shared cache computes a query once for everyone asking at the same time, keeps it until data of a
/// kind it reads lands, and never keeps a failure.</summary>
public sealed class AnalysisCacheTests
{
    private readonly DataChangeNotifier _notifier = new();

    [Fact]
    public async Task Many_callers_at_once_share_one_computation()
    {
        var cache = new AnalysisCache(_notifier);
        var gate = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var callers = Enumerable.Range(0, 50).Select(_ => Task.Run(() => cache.GetOrComputeAsync("q", DataKinds.Cost, async _ =>
        {
            Interlocked.Increment(ref runs);
            return await gate.Task;
        }))).ToList();
        while (cache.Hits + cache.Computations < 50) await Task.Delay(5);
        var result = new object();
        gate.SetResult(result);
        var answers = await Task.WhenAll(callers);
        Assert.Equal(1, runs);
        Assert.All(answers, a => Assert.Same(result, a));
        Assert.Same(result, await cache.GetOrComputeAsync<object>("q", DataKinds.Cost, _ => throw new InvalidOperationException("not again")));
    }

    [Fact]
    public async Task A_collector_runs_write_keeps_a_cost_query_and_a_cost_write_invalidates_it()
    {
        var cache = new AnalysisCache(_notifier);
        var runs = 0;
        Task<int> Ask() => cache.GetOrComputeAsync("cost", DataKinds.Cost | DataKinds.Metadata, _ => Task.FromResult(Interlocked.Increment(ref runs)));

        Assert.Equal(1, await Ask());
        _notifier.Publish(DataKinds.CollectorRuns, 1);
        _notifier.Publish(DataKinds.DemoSeed, 1);
        Assert.Equal(1, await Ask());
        _notifier.Publish(DataKinds.Cost, 10);
        Assert.Equal(2, await Ask());
        _notifier.Publish(DataKinds.Metadata | DataKinds.CollectorRuns, 1);
        Assert.Equal(3, await Ask());
        Assert.Equal(3, await Ask());
    }

    [Fact]
    public async Task A_failure_is_never_kept()
    {
        var cache = new AnalysisCache(_notifier);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetOrComputeAsync<int>("q", DataKinds.Cost, _ => throw new InvalidOperationException("engine down")));
        Assert.Equal(7, await cache.GetOrComputeAsync("q", DataKinds.Cost, _ => Task.FromResult(7)));
    }

    [Fact]
    public async Task The_computation_stops_only_when_every_caller_gave_up()
    {
        var cache = new AnalysisCache(_notifier);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<int> Slow(CancellationToken c)
        {
            c.Register(() => cancelled.TrySetResult());
            started.TrySetResult();
            return await release.Task.WaitAsync(c);
        }

        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var a = cache.GetOrComputeAsync("q", DataKinds.Cost, Slow, first.Token);
        var b = cache.GetOrComputeAsync("q", DataKinds.Cost, Slow, second.Token);
        await started.Task;
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        Assert.False(cancelled.Task.IsCompleted, "one caller leaving must not stop the others' computation");
        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, await cache.GetOrComputeAsync("q", DataKinds.Cost, _ => Task.FromResult(5)));
    }

    [Fact]
    public async Task Old_entries_are_recomputed_and_capacity_drops_the_least_recently_used()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new AnalysisCache(_notifier, capacity: 2, maxAge: TimeSpan.FromMinutes(10), time: time);
        var runs = 0;
        Task<int> Ask(string key) => cache.GetOrComputeAsync(key, DataKinds.Cost, _ => Task.FromResult(Interlocked.Increment(ref runs)));

        Assert.Equal(1, await Ask("a"));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(2, await Ask("a"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await Ask("b"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await Ask("a"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, await Ask("c")); // over capacity: "b" was used least recently
        Assert.Equal(2, cache.Count);
        Assert.Equal(2, await Ask("a"));
        Assert.Equal(5, await Ask("b"));
    }

    [Fact]
    public void Keys_keep_ranges_to_the_tick()
    {
        var start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var a = Polo.Data.Analysis.TimeRange.Create(start, start.AddHours(1));
        var b = Polo.Data.Analysis.TimeRange.Create(start, start.AddHours(1).AddSeconds(1));
        Assert.Equal(a.ToString(), b.ToString());
        Assert.NotEqual(AnalysisCache.Key("m", a), AnalysisCache.Key("m", b));
        Assert.Equal(AnalysisCache.Key("m", a, null, 3), AnalysisCache.Key("m", a, null, 3));
    }
}
