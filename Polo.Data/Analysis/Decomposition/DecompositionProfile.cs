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

    private readonly Stopwatch _lap = new();

    internal void Start()
    {
        CostLinesSql = ContextSql = Classification = TimeSpan.Zero;
        ShippedWhole = 0;
        _lap.Restart();
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
