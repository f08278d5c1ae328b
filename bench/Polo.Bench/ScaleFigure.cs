using System.Diagnostics;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Analysis.Hierarchy;
using Polo.Data.Analysis.Resources;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Bench;

/// <summary>
/// Figures of a 90-day demo estate ×N (the demo's commitments, fees and lifecycle causes; hourly ledger + daily
/// rollup), each printed beside its limit measured in the same run: decomposition (last 30 days vs the previous 30) p95
/// against ≤ 300 ms and ≤ 3× a bare <c>sum(cost) GROUP BY resource_id</c> scan of the same windows; N concurrent viewers
/// of one view against one viewer (median ≤ 2×); the page queries against 300 ms.
/// </summary>
internal sealed class ScaleFigure(Figures figures, BenchOptions options)
{
    private static readonly TimeRange Period = TimeRange.Create(Figures.End.AddDays(-30), Figures.End);
    private static readonly TimeRange Baseline = Period.Previous();

    public async Task RunAsync(int scale)
    {
        await using var ch = options.Copies > 1 ? await figures.ReplicatedDemoAsync(scale, options.Copies) : await figures.CachedDemoAsync(scale);
        var label = options.Copies > 1 ? $"x{scale} copied {options.Copies}×" : $"x{scale}";
        var resources = await ch.ScalarAsync<long>("SELECT uniqExact(resource_id) FROM cost_rollup_daily");
        Console.WriteLine($"scale {label}: {resources:N0} billed resources");
        if (options.PagesOnly)
        {
            await PagesAsync(ch);
            return;
        }

        var scan = await ScanAsync(ch, "cost_rollup_daily", "day", "Date");
        var hourly = options.DecompositionOnly ? "" : $", hourly ledger p95 {Timing.Ms((await ScanAsync(ch, "cost_hourly", "hour", "DateTime")).P95)}";
        Console.WriteLine($"  bare scan      sum(amortized_cost) GROUP BY resource_id, both windows: daily rollup p95 {Timing.Ms(scan.P95)}{hourly}");

        var factsScan = await ScanAsync(ch, "cost_resource_daily", "day", "Date");
        var inOrder = await ScanAsync(ch, "cost_resource_daily", "day", "Date", "resource_key, resource_id", "SETTINGS optimize_aggregation_in_order = 1");
        Console.WriteLine($"  bare scan      same GROUP BY over the per-resource facts: p95 {Timing.Ms(factsScan.P95)}; grouped in the order of their key " +
                          $"(resource_key, migration 082): p95 {Timing.Ms(inOrder.P95)} (median {Timing.Ms(inOrder.Median)})");

        var profile = new DecompositionProfile();
        var decomposer = new DeltaDecomposer(ch, profile: profile);
        DeltaDecomposition d = null!;
        var (median, p95) = await Timing.PercentilesAsync(options.Runs, async () =>
            d = await decomposer.DecomposeAsync(Baseline, Period, Grouping.Customer));
        var limit = TimeSpan.FromMilliseconds(Math.Min(300, 3 * scan.P95.TotalMilliseconds));
        Console.WriteLine($"  decompose      {d.AllResources().Count():N0} resource deltas, {d.Causes.Count:N0} causes: p95 {Timing.Ms(p95)} (median {Timing.Ms(median)}) " +
                          $"vs limit {Timing.Ms(limit)} (300 ms and 3× scan = {Timing.Ms(3 * scan.P95)}): {Timing.Verdict(p95 <= limit)}");
        Console.WriteLine($"  where it goes  last run: moved-resource scan {Timing.Ms(profile.CostLinesSql)}, then the other candidates' lines, events, states and " +
                          $"snapshots at once {Timing.Ms(profile.ContextSql)} ({string.Join(", ", profile.Round.Select(q => $"{q.Query} {q.Time.TotalMilliseconds:0}"))}; " +
                          $"{profile.LinesShipped:N0} lines shipped), " +
                          $"C# split + classify + tree {Timing.Ms(profile.Classification)} ({profile.Classified:N0} resources, {profile.ShippedWhole:N0} shipped whole by the scan)");
        if (options.CompareRollup)
        {
            var old = new DeltaDecomposer(ch, resourceFacts: false, profile: profile);
            var t = await Timing.TimeAsync(() => old.DecomposeAsync(Baseline, Period, Grouping.Customer));
            Console.WriteLine($"  before 080     the rollup path (every line grouped by its 7 keys), one run: {Timing.Ms(t)}; cost lines SQL {Timing.Ms(profile.CostLinesSql)}, " +
                              $"context SQL {Timing.Ms(profile.ContextSql)}, C# {Timing.Ms(profile.Classification)}");
        }

        await DeltaTableAsync(decomposer);
        if (options.DecompositionOnly) return;

        var cache = new AnalysisCache(new DataChangeNotifier(), AnalysisCaches.DecompositionCapacity);
        var shared = new CachedDeltaDecomposer(decomposer, cache);
        await ViewersAsync(() => shared.DecomposeAsync(Baseline, Period, Grouping.Customer), "Explain view (shared cache, cold)", cache.Clear);
        await ViewersAsync(() => decomposer.DecomposeAsync(Baseline, Period, Grouping.Customer), "Explain view without the cache");

        await PagesAsync(ch);
    }

    /// <summary>The queries behind the big-estate pages (uncached), each against 300 ms.</summary>
    private async Task PagesAsync(IClickHouse ch)
    {
        var resources = new ResourceQueries(ch);
        var hierarchy = new HierarchyQueries(ch);
        var roots = await hierarchy.ChildrenAsync("", Period);
        var customer = roots.OrderByDescending(r => r.Cost).First().NodeId;
        var limit = TimeSpan.FromMilliseconds(300);
        async Task Page(string what, Func<Task> query)
        {
            var (median, p95) = await Timing.PercentilesAsync(options.Runs, query);
            Console.WriteLine($"  page query     {what}: p95 {Timing.Ms(p95)} (median {Timing.Ms(median)}) vs limit {Timing.Ms(limit)}: {Timing.Verdict(p95 <= limit)}");
        }
        await Page("Resources page 1 (50 rows by cost)", () => resources.SearchAsync(new ResourceQuery(CostRange: Period)));
        await Page("Resources search 'search' page 3", () => resources.SearchAsync(new ResourceQuery(Search: "search", Page: 2, CostRange: Period)));
        await Page($"Hierarchy roots (the first 50 of {roots.Count:N0} by cost, as the page shows them)", () => hierarchy.ChildrenPageAsync("", Period, CostType.Amortized, 50));
        await Page($"Hierarchy roots (all {roots.Count:N0} with trends, as the API returns them)", () => hierarchy.ChildrenAsync("", Period));
        await Page($"Hierarchy children of {customer}", () => hierarchy.ChildrenAsync(customer, Period));
        await Page($"Hierarchy leaf resources of {customer}", () => resources.SearchAsync(new ResourceQuery(NodeId: customer, CostRange: Period, PageSize: 20)));
    }

    /// <summary>The Cost delta page's resource table, uncached: the resources that moved under the customer grouping
    /// (the page lists them from the same decomposition as the node table, 50 at a time); and the decomposition grouped
    /// by resource (no page or API endpoint offers it), whose tree has one node per billed resource.</summary>
    private async Task DeltaTableAsync(DeltaDecomposer decomposer)
    {
        var limit = TimeSpan.FromMilliseconds(300);
        var rows = 0;
        var (median, p95) = await Timing.PercentilesAsync(options.Runs, async () =>
        {
            var d = await decomposer.DecomposeAsync(Baseline, Period, Grouping.Customer);
            rows = d.AllResources().Where(r => Math.Round(r.Delta, 2) != 0 || Math.Round(r.Explained, 2) != 0)
                .OrderByDescending(r => Math.Abs(r.Delta)).Take(50).Count();
        });
        Console.WriteLine($"  page query     Cost delta resource table (moved resources by customer, top {rows}): p95 {Timing.Ms(p95)} (median {Timing.Ms(median)}) vs limit {Timing.Ms(limit)}: {Timing.Verdict(p95 <= limit)}");
        var nodes = 0;
        (median, p95) = await Timing.PercentilesAsync(options.Runs, async () =>
            nodes = (await decomposer.DecomposeAsync(Baseline, Period, Grouping.Resource)).Nodes.Count);
        Console.WriteLine($"  decompose      grouped by resource (no page or API offers it, {nodes:N0} nodes): p95 {Timing.Ms(p95)} (median {Timing.Ms(median)}) vs limit {Timing.Ms(limit)}: {Timing.Verdict(p95 <= limit)}");
    }

    private async Task<(TimeSpan Median, TimeSpan P95)> ScanAsync(IClickHouse ch, string table, string column, string type,
        string groupBy = "resource_id", string settings = "") =>
        await Timing.PercentilesAsync(options.Runs, () => ch.QueryRawAsync($"""
            SELECT count(), sum(b), sum(p) FROM (
            SELECT resource_id, sumIf(amortized_cost, {column} >= {"{bs:" + type + "}"} AND {column} < {"{be:" + type + "}"}) AS b,
                   sumIf(amortized_cost, {column} >= {"{ps:" + type + "}"} AND {column} < {"{pe:" + type + "}"}) AS p
            FROM {table}
            WHERE {column} >= {"{bs:" + type + "}"} AND {column} < {"{pe:" + type + "}"}
            GROUP BY {groupBy}) {settings}
            """, "TabSeparated", Params(type == "Date")));

    private static QueryParams Params(bool daily) => daily
        ? new QueryParams
        {
            ["bs"] = DateOnly.FromDateTime(Baseline.Start), ["be"] = DateOnly.FromDateTime(Baseline.End),
            ["ps"] = DateOnly.FromDateTime(Period.Start), ["pe"] = DateOnly.FromDateTime(Period.End),
        }
        : new QueryParams { ["bs"] = Baseline.Start, ["be"] = Baseline.End, ["ps"] = Period.Start, ["pe"] = Period.End };

    /// <summary>One viewer alone (median of the runs), then <see cref="BenchOptions.Viewers"/> opening it at once
    /// (median of their latencies; <paramref name="reset"/> runs before each round so every round starts cold).</summary>
    public async Task ViewersAsync(Func<Task> view, string label, Action? reset = null)
    {
        async Task<TimeSpan> Timed()
        {
            var sw = Stopwatch.StartNew();
            await view();
            return sw.Elapsed;
        }
        reset?.Invoke();
        await view();
        var alone = new List<TimeSpan>();
        for (var i = 0; i < Math.Max(3, options.Runs / 2); i++)
        {
            reset?.Invoke();
            alone.Add(await Timed());
        }
        reset?.Invoke();
        var many = await Task.WhenAll(Enumerable.Range(0, options.Viewers).Select(_ => Task.Run(Timed)));
        var one = Timing.Percentile(alone, 0.5);
        var crowd = Timing.Percentile(many, 0.5);
        Console.WriteLine($"  viewers        {label}: {options.Viewers} at once median {Timing.Ms(crowd)} (max {Timing.Ms(many.Max())}) vs one {Timing.Ms(one)} " +
                          $"= {crowd / one:0.0}× (limit 2×): {Timing.Verdict(crowd <= 2 * one)}");
    }
}
