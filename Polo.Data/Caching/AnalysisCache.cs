using Polo.Data.Analysis;
using Polo.Data.Changes;

namespace Polo.Data.Caching;

/// <summary>
/// Single-flight result cache for analysis queries shared by every circuit. An entry is keyed by the query (method and
/// arguments, <see cref="Key"/>) and holds the <see cref="DataChangeNotifier.Version"/> of the kinds the query reads:
/// many callers asking the same query at once share one computation, later callers get its result until data of one
/// of those kinds lands (a write of another kind, e.g. <see cref="DataKinds.CollectorRuns"/>, never clears it).
/// <para>The computation does not belong to any one caller: a caller that cancels stops waiting, and the computation
/// is cancelled only when every caller waiting on it has cancelled. A failed or cancelled computation is never kept.
/// Entries older than <c>maxAge</c> are recomputed (a safety net for writes from another process, which this
/// process's notifier does not see); beyond <c>capacity</c> the least recently used entries go.</para>
/// </summary>
public sealed class AnalysisCache(DataChangeNotifier notifier, int capacity = 256, TimeSpan? maxAge = null, TimeProvider? time = null)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _maxAge = maxAge ?? TimeSpan.FromMinutes(10);
    private long _hits;
    private long _computations;

    /// <summary>Calls answered from an entry (finished or still computing).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Computations started.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>The cached or shared result of <paramref name="compute"/> for <paramref name="key"/> at the current
    /// version of <paramref name="reads"/>.</summary>
    public async Task<T> GetOrComputeAsync<T>(string key, DataKinds reads, Func<CancellationToken, Task<T>> compute,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (reads == DataKinds.None) throw new ArgumentException("A cached query names the kinds it reads.", nameof(reads));
        ct.ThrowIfCancellationRequested();
        Entry entry;
        lock (_gate)
        {
            var version = notifier.Version(reads);
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(key, out var e) && e.Version == version && now - e.Created <= _maxAge
                && !e.Task.IsFaulted && !e.Task.IsCanceled)
            {
                Interlocked.Increment(ref _hits);
                entry = e;
            }
            else
            {
                entry = new Entry(key, reads, version, now) { LastUsed = now };
                entry.Task = Run(entry, compute);
                _entries[key] = entry;
                Interlocked.Increment(ref _computations);
                Trim();
            }
            entry.LastUsed = now;
            entry.Waiters++;
        }

        try
        {
            return (T)(await entry.Task.WaitAsync(ct).ConfigureAwait(false))!;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !entry.Task.IsCompleted)
        {
            lock (_gate)
            {
                // The last caller to give up cancels the computation and drops the entry.
                if (--entry.Waiters == 0 && !entry.Task.IsCompleted)
                {
                    entry.Cancel.Cancel();
                    Remove(entry);
                }
            }
            throw;
        }
        finally
        {
            lock (_gate)
                if (entry.Task.IsCompleted) entry.Waiters = Math.Max(0, entry.Waiters - 1);
        }
    }

    /// <summary>Drops every entry (a test or a bench starting cold).</summary>
    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    private async Task<object?> Run<T>(Entry entry, Func<CancellationToken, Task<T>> compute)
    {
        await Task.Yield(); // never compute under the lock
        try
        {
            return await compute(entry.Cancel.Token).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate) Remove(entry);
            throw;
        }
    }

    private void Remove(Entry entry)
    {
        if (_entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry)) _entries.Remove(entry.Key);
    }

    /// <summary>Drops entries of an older data version, then the least recently used beyond capacity.</summary>
    private void Trim()
    {
        if (_entries.Count <= capacity) return;
        foreach (var stale in _entries.Values.Where(e => e.Version != notifier.Version(e.Reads)).ToList()) Remove(stale);
        foreach (var old in _entries.Values.OrderBy(e => e.LastUsed).Take(_entries.Count - capacity).ToList()) Remove(old);
    }

    /// <summary>A key from a method name and its arguments; ranges to the tick (their text form stops at minutes).</summary>
    public static string Key(string method, params object?[] args) =>
        method + "|" + string.Join("|", args.Select(a => a switch
        {
            null => "-",
            TimeRange r => $"{r.Start.Ticks}-{r.End.Ticks}",
            DeltaBaseline b => string.Join(",", b.Ranges.Select(r => $"{r.Start.Ticks}-{r.End.Ticks}")),
            ResourceQuery q => (q with { CostRange = null }) + (q.CostRange is { } cr ? $"@{cr.Start.Ticks}-{cr.End.Ticks}" : ""),
            _ => a.ToString(),
        }));

    private sealed class Entry(string key, DataKinds reads, long version, DateTimeOffset created)
    {
        public string Key { get; } = key;
        public DataKinds Reads { get; } = reads;
        public long Version { get; } = version;
        public DateTimeOffset Created { get; } = created;
        public CancellationTokenSource Cancel { get; } = new();
        public Task<object?> Task { get; set; } = null!;
        public DateTimeOffset LastUsed { get; set; }
        public int Waiters { get; set; }
    }
}
