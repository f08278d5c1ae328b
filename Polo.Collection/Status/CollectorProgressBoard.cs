namespace Polo.Collection.Status;

/// <summary>How far a running collector is: lines read so far, the share of its work done and the time left.</summary>
public sealed record CollectorProgress(string Collector, string Stage, long LinesRead, long? LinesTotal, double Fraction,
    TimeSpan Elapsed, TimeSpan? Remaining);

/// <summary>
/// Live progress of running collectors, for the status page (in-process, not persisted). A collector reports as it
/// goes and clears its entry when it finishes; <see cref="Changed"/> fires on every report.
/// </summary>
public sealed class CollectorProgressBoard
{
    private readonly Dictionary<string, CollectorProgress> _current = new(StringComparer.OrdinalIgnoreCase);

    public event Action<string>? Changed;

    public CollectorProgress? Get(string collector)
    {
        lock (_current) return _current.GetValueOrDefault(collector);
    }

    /// <summary>Records progress; the remaining time is extrapolated from the elapsed time and the share done.</summary>
    public void Report(string collector, string stage, long linesRead, long? linesTotal, double fraction, TimeSpan elapsed)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        TimeSpan? remaining = fraction > 0.01 ? elapsed * ((1 - fraction) / fraction) : null;
        lock (_current) _current[collector] = new CollectorProgress(collector, stage, linesRead, linesTotal, fraction, elapsed, remaining);
        Changed?.Invoke(collector);
    }

    public void Clear(string collector)
    {
        lock (_current) _current.Remove(collector);
        Changed?.Invoke(collector);
    }
}
