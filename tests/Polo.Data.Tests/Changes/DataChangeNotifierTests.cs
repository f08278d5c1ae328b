using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Polo.Data.Changes;

namespace Polo.Data.Tests.Changes;

public sealed class DataChangeNotifierTests
{
    private static readonly TimeSpan Throttle = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _log = new();
    private readonly DataChangeNotifier _notifier;

    public DataChangeNotifierTests() => _notifier = new DataChangeNotifier(_time, _log);

    [Fact]
    public void A_burst_of_writes_calls_back_once_after_the_throttle_with_everything_that_landed()
    {
        var calls = new List<DataChange>();
        using var _ = _notifier.Subscribe(DataKinds.Cost | DataKinds.Events, c => { calls.Add(c); return Task.CompletedTask; }, Throttle);

        _notifier.Publish(DataKinds.Cost, 10);
        _time.Advance(TimeSpan.FromSeconds(1));
        _notifier.Publish(DataKinds.Events | DataKinds.Inventory, 5);
        var lastWrite = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(calls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var call = Assert.Single(calls);
        Assert.Equal(DataKinds.Cost | DataKinds.Events, call.Kinds); // only the kinds it asked for
        Assert.Equal(15, call.Rows);
        Assert.Equal(lastWrite, call.At);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(calls);
    }

    [Fact]
    public void Writes_of_other_kinds_do_not_call_back()
    {
        var calls = 0;
        using var _ = _notifier.Subscribe(DataKinds.Cost, _ => { calls++; return Task.CompletedTask; }, Throttle);
        _notifier.Publish(DataKinds.CollectorRuns, 1);
        _notifier.Publish(DataKinds.DemoSeed, 0);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Each_kind_has_its_own_version_and_each_publish_counts_once()
    {
        Assert.Equal(0, _notifier.Version(DataKinds.Cost));
        _notifier.Publish(DataKinds.Cost, 3);
        _notifier.Publish(DataKinds.Cost | DataKinds.Events, 3);
        Assert.Equal(2, _notifier.Version(DataKinds.Cost));
        Assert.Equal(1, _notifier.Version(DataKinds.Events));
        Assert.Equal(0, _notifier.Version(DataKinds.Inventory));
        Assert.Equal(3, _notifier.Version(DataKinds.Cost | DataKinds.Events));
    }

    [Fact]
    public void A_failing_subscriber_is_logged_and_keeps_being_called()
    {
        var calls = 0;
        using var _ = _notifier.Subscribe(DataKinds.Cost, _ =>
        {
            calls++;
            return calls == 1 ? throw new InvalidOperationException("page gone") : Task.CompletedTask;
        }, Throttle);
        var otherCalls = 0;
        using var other = _notifier.Subscribe(DataKinds.Cost, _ => { otherCalls++; return Task.CompletedTask; }, Throttle);

        _notifier.Publish(DataKinds.Cost, 1); // publishing never throws because of a subscriber
        _time.Advance(Throttle);
        var error = Assert.Single(_log.Errors);
        Assert.IsType<InvalidOperationException>(error);

        _notifier.Publish(DataKinds.Cost, 1);
        _time.Advance(Throttle);
        Assert.Equal((2, 2), (calls, otherCalls));
    }

    [Fact]
    public async Task A_faulted_async_callback_is_observed_too()
    {
        var failed = new TaskCompletionSource();
        using var _ = _notifier.Subscribe(DataKinds.Cost, async _ =>
        {
            await Task.Yield();
            failed.SetResult();
            throw new InvalidOperationException("later");
        }, Throttle);
        _notifier.Publish(DataKinds.Cost, 1);
        _time.Advance(Throttle);
        await failed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 1000 && _log.Errors.Count == 0; i++) await Task.Delay(10); // up to 10 s on a loaded machine
        Assert.IsType<InvalidOperationException>(Assert.Single(_log.Errors));
    }

    [Fact]
    public async Task Calls_never_overlap_and_a_write_during_a_call_is_delivered_after_it()
    {
        var gate = new TaskCompletionSource();
        var calls = new List<DataChange>();
        using var _ = _notifier.Subscribe(DataKinds.Cost, c => { calls.Add(c); return calls.Count == 1 ? gate.Task : Task.CompletedTask; }, Throttle);

        _notifier.Publish(DataKinds.Cost, 1);
        _time.Advance(Throttle);
        _notifier.Publish(DataKinds.Cost, 2); // lands while the first call still runs
        _time.Advance(Throttle * 3);
        Assert.Single(calls);

        gate.SetResult(); // the first call ends: the next is due one throttle after it
        for (var i = 0; i < 2000 && calls.Count < 2; i++) // up to ~10 s of real time on a loaded machine
        {
            await Task.Delay(5);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.Equal([1L, 2L], calls.Select(c => c.Rows));
    }

    [Fact]
    public void Disposing_drops_a_pending_call_and_stops_later_ones()
    {
        var calls = 0;
        var s = _notifier.Subscribe(DataKinds.Cost, _ => { calls++; return Task.CompletedTask; }, Throttle);
        _notifier.Publish(DataKinds.Cost, 1);
        s.Dispose();
        _time.Advance(Throttle);
        _notifier.Publish(DataKinds.Cost, 1);
        _time.Advance(Throttle);
        Assert.Equal(0, calls);
        s.Dispose(); // twice is fine
    }

    [Fact]
    public void Publishing_or_subscribing_to_nothing_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _notifier.Publish(DataKinds.None, 1));
        Assert.Throws<ArgumentException>(() => _notifier.Subscribe(DataKinds.None, _ => Task.CompletedTask));
    }

    private sealed class ListLogger : ILogger<DataChangeNotifier>
    {
        private readonly List<Exception> _errors = [];

        public IReadOnlyList<Exception> Errors { get { lock (_errors) return [.. _errors]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null) lock (_errors) _errors.Add(exception);
        }
    }
}
