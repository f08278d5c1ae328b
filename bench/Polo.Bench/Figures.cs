using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Demo;
using Polo.Data.Embedded;
using Polo.Data.Migrations;
using Polo.Data.Vocabulary;

namespace Polo.Bench;

/// <summary>The benchmark figures, each in a database of its own under the bench's temporary data path.</summary>
internal sealed class Figures(string dataPath, BenchOptions options)
{
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    internal async Task<EmbeddedClickHouse> DatabaseAsync(string name)
    {
        var ch = new EmbeddedClickHouse(dataPath, $"bench_{name}", poolSize: 4);
        await new MigrationRunner(ch, Path.Combine(AppContext.BaseDirectory, "migrations")).ApplyAsync();
        return ch;
    }

    private sealed record CostRow(DateTime Hour, string AccountId, string Region, string Service, string UsageType,
        string ResourceId, string ResourceType, string Customer, string Cluster, string IndexName, decimal Cost,
        double UsageAmount, string Source);

    public async Task InsertAsync()
    {
        await using var ch = await DatabaseAsync("insert");
        var start = End.AddDays(-90);
        var rows = Enumerable.Range(0, options.InsertRows).Select(i => new CostRow(
            start.AddHours(i / 1000), $"1000000000{i % 16:00}", "us-east-1", "AmazonEC2", "BoxUsage:r5.xlarge",
            $"i-{i % 1000:x8}", ResourceTypes.Instance, $"customer-{i % 8}", "prod-1", "logs", 0.252m, 1, "bench")).ToList();
        var t = await Timing.TimeAsync(() => ch.InsertAsync("cost_hourly", rows));
        var held = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly");
        Console.WriteLine($"insert       {options.InsertRows:N0} rows into cost_hourly (+ daily rollup MV) in {Timing.Ms(t)}: {options.InsertRows / t.TotalSeconds:N0} rows/s (held {held:N0})");
    }

    /// <summary>The cur figure, each time on an empty database (a kept one would make the first load a restatement); with
    /// <c>--cur-first-only</c> the first load is measured <see cref="BenchOptions.Runs"/> times, each beside the
    /// engine's own INSERT of the same run, and the medians are printed (the machine's speed varies between runs).</summary>
    public async Task CurAsync()
    {
        var runs = options.CurFirstLoadOnly ? options.Runs : 1;
        var results = new List<CurFigure.Result>();
        for (var i = 0; i < runs; i++)
        {
            await using (var admin = new EmbeddedClickHouse(dataPath, "bench_admin", poolSize: 1))
                await admin.ExecuteAsync("DROP DATABASE IF EXISTS bench_cur SYNC");
            await using var ch = await DatabaseAsync("cur");
            results.Add(await CurFigure.RunAsync(ch, Path.Combine(dataPath, "cur-export"), options.CurLines, options.CurFormat,
                options.CurFirstLoadOnly, generate: i == 0));
        }
        if (runs > 1) CurFigure.Summarise(results, options.CurLines);
    }

    public async Task<EmbeddedClickHouse> DemoAsync(int scale)
    {
        var ch = await DatabaseAsync($"demo_x{scale}");
        await new DemoEstateGenerator(ch, null).ResetAsync();
        var t = TimeSpan.Zero;
        DemoEstateSummary summary = null!;
        t = await Timing.TimeAsync(async () => summary = await new DemoEstateGenerator(ch, null)
            .GenerateAsync(new DemoEstateOptions(Days: 90, Scale: scale, End: End)));
        Console.WriteLine($"demo x{scale,-3}    generated {summary.Resources:N0} resources, {summary.CostRows:N0} cost rows, {summary.Events:N0} events in {Timing.Ms(t)}");
        return ch;
    }

    /// <summary>A 90-day demo estate ×<paramref name="scale"/>, reused when the data directory already holds it.</summary>
    public async Task<EmbeddedClickHouse> CachedDemoAsync(int scale)
    {
        var ch = await DatabaseAsync($"estate_x{scale}");
        var rows = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly");
        var causes = await ch.ScalarAsync<long>("SELECT count() FROM demo_causes");
        if (rows > 0 && causes > 0)
        {
            var resources = await ch.ScalarAsync<long>("SELECT uniqExact(resource_id) FROM cost_rollup_daily");
            Console.WriteLine($"estate x{scale,-3}  reused {resources:N0} billed resources, {rows:N0} hourly cost rows");
            await SettleAsync(ch);
            return ch;
        }
        await new DemoEstateGenerator(ch, null).ResetAsync();
        DemoEstateSummary summary = null!;
        var t = await Timing.TimeAsync(async () => summary = await new DemoEstateGenerator(ch, null)
            .GenerateAsync(new DemoEstateOptions(Days: 90, Scale: scale, End: End)));
        Console.WriteLine($"estate x{scale,-3}  generated {summary.Resources:N0} resources, {summary.CostRows:N0} cost rows, {summary.Events:N0} events in {Timing.Ms(t)}");
        await SettleAsync(ch);
        return ch;
    }

    /// <summary>Tables (and the id columns to rename) a replicated estate copies; the daily rollup follows through its view.</summary>
    private static readonly string[] ReplicatedTables =
    [
        "cost_hourly", "resource_events", "resource_snapshots", "resource_relationships", "hierarchy_nodes",
        "resource_ancestry", "resource_billing", "customer_metadata", "account_metadata",
    ];

    private static readonly HashSet<string> IdColumns =
        ["resource_id", "from_id", "to_id", "event_id", "customer", "node_id", "parent_id", "ancestor_id", "descendant_id", "name"];

    /// <summary>The ×<paramref name="scale"/> estate copied <paramref name="copies"/> times with every customer, node,
    /// resource and event id suffixed "-rK" (copy 1 keeps its names): a ~100k-resource estate without the cost of
    /// generating it (each copy has the demo's commitments, fees and lifecycle causes). One INSERT … SELECT per table and
    /// copy inside the engine (the daily rollup and the per-resource facts follow through their views); reused when the
    /// data directory already holds a complete copy (copies × the source's hourly rows), rebuilt when a run was cut short.</summary>
    public async Task<EmbeddedClickHouse> ReplicatedDemoAsync(int scale, int copies)
    {
        await using var source = await CachedDemoAsync(scale);
        var expected = copies * await source.ScalarAsync<long>("SELECT count() FROM cost_hourly");
        var ch = await DatabaseAsync($"estate_x{scale}r{copies}");
        var held = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly");
        if (held == expected)
        {
            var billed = await ch.ScalarAsync<long>("SELECT uniqExact(resource_id) FROM cost_rollup_daily");
            Console.WriteLine($"estate x{scale}r{copies} reused {billed:N0} billed resources, {held:N0} hourly cost rows");
            await SettleAsync(ch);
            return ch;
        }
        if (held > 0)
        {
            Console.WriteLine($"estate x{scale}r{copies} incomplete ({held:N0} of {expected:N0} hourly rows): rebuilt");
            await ch.DisposeAsync();
            await source.ExecuteAsync($"DROP DATABASE IF EXISTS `{ch.Database}` SYNC");
            ch = await DatabaseAsync($"estate_x{scale}r{copies}");
        }
        var t = await Timing.TimeAsync(async () =>
        {
            foreach (var table in ReplicatedTables)
            {
                var columns = await ch.QueryAsync<ColumnRow>("SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {t:String} AND default_kind NOT IN ('MATERIALIZED', 'ALIAS') ORDER BY position",
                    new QueryParams { ["db"] = source.Database, ["t"] = table });
                var names = string.Join(", ", columns.Select(c => c.Name));
                for (var k = 1; k <= (table == "account_metadata" ? 1 : copies); k++)
                {
                    var select = string.Join(", ", columns.Select(c => Renamed(table, c, k)));
                    await ch.ExecuteAsync($"INSERT INTO {table} ({names}) SELECT {select} FROM `{source.Database}`.{table}");
                }
            }
            await ch.ExecuteAsync("SYSTEM RELOAD DICTIONARIES");
        });
        var resources = await ch.ScalarAsync<long>("SELECT uniqExact(resource_id) FROM cost_rollup_daily");
        var rows = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly");
        Console.WriteLine($"estate x{scale}r{copies} copied to {resources:N0} billed resources, {rows:N0} hourly cost rows in {Timing.Ms(t)}");
        await SettleAsync(ch);
        return ch;
    }

    /// <summary>Tables the decomposition and its bare scans read, merged as a running server's background merges leave
    /// them (one part per month): a bench process is too short-lived for those merges, and a just-built estate's 3-5 parts
    /// per month made the moved-resource scan ~1.5× slower (its in-order aggregation merges the parts' streams).</summary>
    private static readonly string[] SettledTables = ["cost_resource_daily", "cost_rollup_daily"];

    private static async Task SettleAsync(EmbeddedClickHouse ch)
    {
        foreach (var table in SettledTables)
        {
            var parts = await ch.ScalarAsync<long>("""
                SELECT max(n) FROM (SELECT count() AS n FROM system.parts
                                    WHERE active AND database = currentDatabase() AND table = {t:String} GROUP BY partition)
                """, new QueryParams { ["t"] = table });
            if (parts <= 1) continue;
            var t = await Timing.TimeAsync(() => ch.ExecuteAsync($"OPTIMIZE TABLE {table} FINAL"));
            Console.WriteLine($"estate       {table} merged to one part per month (had up to {parts}) in {Timing.Ms(t)}");
        }
    }

    /// <summary>The column as copy <paramref name="k"/> writes it: ids suffixed "-rK" (node ids inside their kind
    /// prefix: customer:acme-r2/prod-1), empty and 'unassigned' kept, copy 1 and account ids unchanged.</summary>
    private static string Renamed(string table, ColumnRow c, int k)
    {
        var id = k > 1 && table != "account_metadata" && IdColumns.Contains(c.Name) && c.Type.Contains("String", StringComparison.Ordinal)
                 && !c.Type.StartsWith("Array", StringComparison.Ordinal) && !c.Type.StartsWith("Map", StringComparison.Ordinal);
        if (!id) return c.Name;
        return $"if({c.Name} IN ('', 'unassigned'), {c.Name}, if(match({c.Name}, '^(customer|cluster|index):'), " +
               $"replaceRegexpOne({c.Name}, '^(customer|cluster|index):([^/]+)', '\\1:\\2-r{k}'), concat({c.Name}, '-r{k}'))) AS {c.Name}";
    }

    private sealed record ColumnRow(string Name, string Type);

    public async Task GroupByAsync(EmbeddedClickHouse ch)
    {
        var (firstDaily, daily) = await Timing.MedianAsync(options.Runs, () =>
            ch.QueryRawAsync("SELECT day, sum(cost) FROM cost_rollup_daily GROUP BY day ORDER BY day", "JSONEachRow"));
        var (firstHourly, hourly) = await Timing.MedianAsync(options.Runs, () =>
            ch.QueryRawAsync("SELECT toDate(hour) AS day, sum(cost) FROM cost_hourly GROUP BY day ORDER BY day", "JSONEachRow"));
        Console.WriteLine($"group by     daily cost over the 90-day demo: rollup {Timing.Ms(daily)} (first {Timing.Ms(firstDaily)}), hourly ledger {Timing.Ms(hourly)} (first {Timing.Ms(firstHourly)})");
    }

    public async Task DecomposeAsync(EmbeddedClickHouse ch, string label)
    {
        var period = TimeRange.Create(End.AddDays(-30), End);
        var decomposer = new DeltaDecomposer(ch);
        DeltaDecomposition d = null!;
        var (first, median) = await Timing.MedianAsync(options.Runs, async () =>
            d = await decomposer.DecomposeAsync(period.Previous(), period, Grouping.Customer));
        var resources = Count(d.Nodes);
        Console.WriteLine($"decompose    {label}: last 30 days vs previous 30, {resources:N0} resource deltas, {d.Causes.Count} causes: {Timing.Ms(median)} median (first {Timing.Ms(first)})");
    }

    private static int Count(IEnumerable<DeltaNode> nodes) => nodes.Sum(n => n.Resources.Count + Count(n.Children));
}
