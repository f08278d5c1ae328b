using System.Diagnostics;

namespace Polo.Data.Analysis.Decomposition;

/// <summary>Where the last decomposition of a <see cref="DeltaDecomposer"/> spent its time (the bench prints it): the
/// first query (on the per-resource facts, the scan that finds the resources that moved; otherwise the cost lines), the
/// SQL after it (the moved resources' lines, events, inventory states, orphaned snapshots, first billed hours), and the
/// C# part (mechanism split, classification, tree). Not thread-safe: give one to a decomposer used by one caller.</summary>
public sealed class DecompositionProfile
{
    public TimeSpan CostLinesSql { get; private set; }
    public TimeSpan ContextSql { get; private set; }
    public TimeSpan Classification { get; private set; }
    /// <summary>Cost lines shipped to C# (moved lines plus per-node sums of the unchanged resources).</summary>
    public int LinesShipped { get; internal set; }
    /// <summary>Moved single-line resources the facts scan shipped whole (their lines not read again).</summary>
    public int ShippedWhole { get; internal set; }
    /// <summary>Resource deltas classified in C#.</summary>
    public int Classified { get; internal set; }
    /// <summary>On the per-resource facts, each query of the round after the scan (they run at once): its name and wall
    /// time, in the order they finished.</summary>
    public IReadOnlyList<(string Query, TimeSpan Time)> Round => _round;

    private readonly Stopwatch _lap = new();
    private readonly List<(string, TimeSpan)> _round = [];

    internal void Start()
    {
        CostLinesSql = ContextSql = Classification = TimeSpan.Zero;
        ShippedWhole = 0;
        lock (_round) _round.Clear();
        _lap.Restart();
    }

    /// <summary><paramref name="query"/>, its wall time kept under <paramref name="name"/> in <see cref="Round"/>.</summary>
    internal async Task<T> TimedAsync<T>(string name, Task<T> query)
    {
        var sw = Stopwatch.StartNew();
        var result = await query.ConfigureAwait(false);
        lock (_round) _round.Add((name, sw.Elapsed));
        return result;
    }

    internal void CostLines() => CostLinesSql += Lap();
    internal void Context() => ContextSql += Lap();
    internal void Csharp() => Classification += Lap();

    private TimeSpan Lap()
    {
        var t = _lap.Elapsed;
        _lap.Restart();
        return t;
    }
}
