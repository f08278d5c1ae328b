using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Polo.Data.Changes;

/// <summary>
/// In-process signal that data was written. Every write publishes once, with the kinds it wrote; each kind keeps a
/// data version that grows with every publish of it (a result cache can key on it). Subscribers name the kinds they
/// show and are called back at most once per throttle interval (measured on the injected <see cref="TimeProvider"/>)
/// with everything that landed meanwhile. Publishing never blocks on subscribers and never throws because of them:
/// callbacks run on the timer, and a callback's exception is logged, not left unobserved.
/// </summary>
public sealed class DataChangeNotifier
{
    /// <summary>Throttle of a subscription that does not name one: a burst of writes reloads a page once.</summary>
    public static readonly TimeSpan DefaultThrottle = TimeSpan.FromSeconds(2);

    private static readonly int KindCount = BitOperations.Log2((uint)DataKinds.DemoSeed) + 1;

    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly long[] _versions = new long[KindCount];
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public DataChangeNotifier(TimeProvider? time = null, ILogger<DataChangeNotifier>? log = null)
    {
        _time = time ?? TimeProvider.System;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    /// <summary>The data version of <paramref name="kinds"/>: the number of publishes that included any of them
    /// (summed over the kinds). It only grows.</summary>
    public long Version(DataKinds kinds)
    {
        long sum = 0;
        for (var i = 0; i < KindCount; i++)
            if (((int)kinds & (1 << i)) != 0) sum += Interlocked.Read(ref _versions[i]);
        return sum;
    }

    /// <summary>Says that one write of <paramref name="rows"/> rows changed <paramref name="kinds"/>.</summary>
    public void Publish(DataKinds kinds, long rows)
    {
        if (kinds == DataKinds.None) throw new ArgumentException("A publish names at least one kind.", nameof(kinds));
        for (var i = 0; i < KindCount; i++)
            if (((int)kinds & (1 << i)) != 0) Interlocked.Increment(ref _versions[i]);
        var at = _time.GetUtcNow();
        foreach (var s in Volatile.Read(ref _subscriptions))
            if ((s.Kinds & kinds) != 0) s.Notify(s.Kinds & kinds, rows, at);
    }

    /// <summary>
    /// Calls <paramref name="callback"/> when any of <paramref name="kinds"/> changed: once per burst, no sooner
    /// than <paramref name="throttle"/> (default <see cref="DefaultThrottle"/>) after the first publish of the
    /// burst, and never twice at once. Dispose the result to stop; a pending call is then dropped.
    /// </summary>
    public IDisposable Subscribe(DataKinds kinds, Func<DataChange, Task> callback, TimeSpan? throttle = null)
    {
        if (kinds == DataKinds.None) throw new ArgumentException("A subscription names at least one kind.", nameof(kinds));
        ArgumentNullException.ThrowIfNull(callback);
        var s = new Subscription(this, kinds, callback, throttle ?? DefaultThrottle);
        lock (_gate) _subscriptions = [.. _subscriptions, s];
        return s;
    }

    private void Remove(Subscription s)
    {
        lock (_gate) _subscriptions = _subscriptions.Where(x => x != s).ToArray();
    }

    private sealed class Subscription(DataChangeNotifier owner, DataKinds kinds, Func<DataChange, Task> callback, TimeSpan throttle)
        : IDisposable
    {
        private readonly Lock _gate = new();
        private DataKinds _pendingKinds;
        private long _pendingRows;
        private DateTimeOffset _pendingAt;
        private ITimer? _timer;
        private bool _running;
        private bool _disposed;

        public DataKinds Kinds => kinds;

        public void Notify(DataKinds changed, long rows, DateTimeOffset at)
        {
            lock (_gate)
            {
                if (_disposed) return;
                _pendingKinds |= changed;
                _pendingRows += rows;
                _pendingAt = at;
                // While a callback runs, the next one is scheduled when it ends.
                if (_timer is null && !_running) _timer = owner._time.CreateTimer(Fire, null, throttle, Timeout.InfiniteTimeSpan);
            }
        }

        private void Fire(object? state)
        {
            DataChange change;
            lock (_gate)
            {
                _timer?.Dispose();
                _timer = null;
                if (_disposed || _pendingKinds == DataKinds.None) return;
                change = new DataChange(_pendingKinds, _pendingRows, _pendingAt);
                _pendingKinds = DataKinds.None;
                _pendingRows = 0;
                _running = true;
            }
            _ = RunAsync(change);
        }

        private async Task RunAsync(DataChange change)
        {
            try
            {
                await callback(change).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                owner._log.LogError(e, "A subscriber to {Kinds} failed on {Change}", kinds, change);
            }
            lock (_gate)
            {
                _running = false;
                if (!_disposed && _pendingKinds != DataKinds.None && _timer is null)
                    _timer = owner._time.CreateTimer(Fire, null, throttle, Timeout.InfiniteTimeSpan);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _timer?.Dispose();
                _timer = null;
            }
            owner.Remove(this);
        }
    }
}
