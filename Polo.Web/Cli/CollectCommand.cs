using System.Diagnostics;
using System.Globalization;
using Polo.Collection.Runs;
using Polo.Data;
using Polo.Web.Services;

namespace Polo.Web.Cli;

/// <summary>
/// `collect &lt;collector&gt; [--folder DIR] [--url URL] [--token polo_…]`: runs one collector once, exactly as "Run now" on /collectors does (same
/// configuration, runner, run records and follow-ups), and prints a summary. `--folder` points the cur collector at a
/// CUR folder. The embedded engine allows one process per data directory: while the app runs on it, the running app
/// performs the run (<see cref="RemoteCollect"/>: its API, an operator's token) and the verb prints the same summary.
/// </summary>
public static class CollectCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        var name = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (name is null)
        {
            await Console.Error.WriteLineAsync("usage: collect <collector> [--folder DIR] [--url URL] [--token polo_…]   (collectors: ec2-config, cur, cost-explorer, lifecycle)");
            return 2;
        }
        var folder = configuration["folder"];
        var settings = new ConfigurationBuilder().AddConfiguration(configuration);
        if (folder is not null)
        {
            if (name != "cur") { await Console.Error.WriteLineAsync("error: --folder applies to the cur collector only"); return 2; }
            settings.AddInMemoryCollection(new Dictionary<string, string?> { ["Collection:Cur:Folder"] = Path.GetFullPath(folder) });
        }
        var config = settings.Build();
        var held = EmbeddedDataLock.HeldByAnotherProcess(config);
        if (held is not null || !string.IsNullOrWhiteSpace(config["url"]))
            return await RunInTheAppAsync(config, name, folder, held);

        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning).AddFilter("Polo", LogLevel.Information))
            .AddPoloData(config).AddPoloCollectors(config);
        await using var provider = services.BuildServiceProvider();
        var migrated = await provider.MigratePoloAsync();
        if (migrated.Applied.Count > 0) Console.WriteLine($"migrations applied: {string.Join(", ", migrated.Applied)}");
        if (await StartupTasks.RunAsync(provider) is { } recovered) Console.WriteLine(recovered);

        var runner = provider.GetRequiredService<CollectorRunner>();
        if (runner.Find(name) is null)
        {
            await Console.Error.WriteLineAsync($"error: unknown collector '{name}' (known: {string.Join(", ", runner.CollectorNames.Order())})");
            return 2;
        }
        var sw = Stopwatch.StartNew();
        var result = await runner.RunAsync(name, RunTrigger.Manual);
        if (result.Refused is not null) { await Console.Error.WriteLineAsync($"error: {result.Refused}"); return 1; }
        if (result.AlreadyRunning) { await Console.Error.WriteLineAsync($"error: {name} is already running"); return 1; }
        return Print(name, result.Units, sw.Elapsed);
    }

    /// <summary>The app holds the data directory: it runs the collector (see <see cref="RemoteCollect"/>).</summary>
    private static async Task<int> RunInTheAppAsync(IConfiguration config, string name, string? folder, string? dataPath)
    {
        var app = config["url"] is { Length: > 0 } url && Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var u)
            ? u : AppAddressFile.Read(config);
        if (app is null)
        {
            await Console.Error.WriteLineAsync(
                $"error: the embedded database at '{dataPath}' is in use by a running Polo (the engine allows one process per data directory), " +
                $"and it announced no address. Pass its address with --url http://host:port, run '{name}' from /collectors → Run now, or stop the app and retry.");
            return 3;
        }
        if (folder is not null)
        {
            await Console.Error.WriteLineAsync(
                $"error: the running app at {app} reads its own Collection:Cur:Folder; --folder applies only when the verb runs the collector itself (no app holding the data directory, no --url).");
            return 2;
        }
        Console.WriteLine(dataPath is null ? $"the app at {app} runs {name}" : $"the app at {app} holds '{dataPath}': it runs {name}");
        var sw = Stopwatch.StartNew();
        var (report, error) = await RemoteCollect.RunAsync(app, config["token"] ?? Environment.GetEnvironmentVariable(RemoteCollect.TokenVariable), name);
        if (report is null) { await Console.Error.WriteLineAsync($"error: {error}"); return 1; }
        return Print(name, report.Units, sw.Elapsed);
    }

    private static int Print(string name, IReadOnlyList<CollectorRunRow> units, TimeSpan elapsed)
    {
        foreach (var u in units)
        {
            var where = u.AccountId == "*" ? "organisation-wide" : $"{u.AccountId} {u.Region}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} {where}: {u.Status}, {u.RowsWritten:N0} rows in {u.DurationMs:N0} ms{(u.Detail is { Length: > 0 } d ? " — " + d : "")}{(u.Error is { Length: > 0 } e ? " — " + e : "")}"));
        }
        var failed = units.Count(u => u.Status == RunStatus.Failed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} finished in {elapsed.TotalSeconds:N1} s: {units.Sum(u => (long)u.RowsWritten):N0} rows written, {failed} of {units.Count} unit(s) failed"));
        return failed == 0 ? 0 : 1;
    }
}
