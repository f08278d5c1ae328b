using Polo.Data.Changes;

namespace Polo.Collection.Status;

/// <summary>How far a running collector is: lines read so far, the share of its work done and the time left.</summary>
public sealed record CollectorProgress(string Collector, string Stage, long LinesRead, long? LinesTotal, double Fraction,
    TimeSpan Elapsed, TimeSpan? Remaining);

/// <summary>
/// Live progress of running collectors, for the status page (in-process, not persisted). A collector reports as it
/// goes and clears its entry when it finishes; every report is published as <see cref="DataKinds.CollectorProgress"/>
/// (the page subscribes with its own throttle, so a fast reporter never floods it).
/// </summary>
public sealed class CollectorProgressBoard(DataChangeNotifier? notifier = null)
{
    /// <summary>How many reports of one run <see cref="Reports"/> keeps (the first ones; a run reports per file and stage).</summary>
    public const int MaxReportsKept = 256;

    private readonly Dictionary<string, CollectorProgress> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CollectorProgress>> _runs = new(StringComparer.OrdinalIgnoreCase);

    public CollectorProgress? Get(string collector)
    {
        lock (_current) return _current.GetValueOrDefault(collector);
    }

    /// <summary>What the collector's current (or last) run reported so far, oldest first.</summary>
    public IReadOnlyList<CollectorProgress> Reports(string collector)
    {
        lock (_current) return _runs.TryGetValue(collector, out var r) ? [.. r] : [];
    }

    /// <summary>Records progress; the remaining time is extrapolated from the elapsed time and the share done.</summary>
    public void Report(string collector, string stage, long linesRead, long? linesTotal, double fraction, TimeSpan elapsed)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        TimeSpan? remaining = fraction > 0.01 ? elapsed * ((1 - fraction) / fraction) : null;
        var progress = new CollectorProgress(collector, stage, linesRead, linesTotal, fraction, elapsed, remaining);
        lock (_current)
        {
            // The first report after a cleared run starts the next run's list.
            if (!_current.ContainsKey(collector) || !_runs.TryGetValue(collector, out var run)) _runs[collector] = run = [];
            if (run.Count < MaxReportsKept) run.Add(progress);
            _current[collector] = progress;
        }
        notifier?.Publish(DataKinds.CollectorProgress, 0);
    }

    public void Clear(string collector)
    {
        lock (_current) _current.Remove(collector);
        notifier?.Publish(DataKinds.CollectorProgress, 0);
    }
}
