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

    public static string Ms(TimeSpan t) => $"{t.TotalMilliseconds,8:N1} ms";
}
