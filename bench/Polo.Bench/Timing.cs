using System.Diagnostics;

namespace Polo.Bench;

internal static class Timing
{
    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        await work();
        return sw.Elapsed;
    }

    /// <summary>One untimed warm-up run, then the median of <paramref name="runs"/> timed runs.</summary>
    public static async Task<(TimeSpan First, TimeSpan Median)> MedianAsync(int runs, Func<Task> work)
    {
        var first = await TimeAsync(work);
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++) times.Add(await TimeAsync(work));
        times.Sort();
        return (first, times[times.Count / 2]);
    }

    /// <summary>One untimed warm-up run, then the median and 95th percentile (nearest rank) of <paramref name="runs"/> runs.</summary>
    public static async Task<(TimeSpan Median, TimeSpan P95)> PercentilesAsync(int runs, Func<Task> work)
    {
        await work();
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++) times.Add(await TimeAsync(work));
        return (Percentile(times, 0.5), Percentile(times, 0.95));
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static TimeSpan Percentile(IReadOnlyCollection<TimeSpan> times, double p) =>
        TimeSpan.FromTicks((long)Percentile(times.Select(t => (double)t.Ticks).ToList(), p));

    /// <summary>Nearest-rank percentile of plain figures (rates, ratios).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>"ok" or "MISSED" for a figure against its limit.</summary>
    public static string Verdict(bool ok) => ok ? "ok" : "MISSED";

    public static string Ms(TimeSpan t) => $"{t.TotalMilliseconds,8:N1} ms";
}
