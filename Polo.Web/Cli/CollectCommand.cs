using System.Diagnostics;
using System.Globalization;
using Polo.Collection.Runs;
using Polo.Data;
using Polo.Web.Services;

namespace Polo.Web.Cli;

/// <summary>
/// `collect &lt;collector&gt; [--folder DIR]`: runs one collector once, exactly as "Run now" on /collectors does (same
/// configuration, runner, run records and follow-ups), and prints a summary. `--folder` points the cur collector at a
/// CUR folder. The embedded engine allows one process per data directory: while the app runs on it, the verb says so
/// instead of failing, and names the app's "Run now" as the way to run it.
/// </summary>
public static class CollectCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        var name = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (name is null)
        {
            await Console.Error.WriteLineAsync("usage: collect <collector> [--folder DIR]   (collectors: ec2-config, cur, cost-explorer, lifecycle)");
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
        if (EmbeddedDataLock.HeldByAnotherProcess(config) is { } dataPath)
        {
            await Console.Error.WriteLineAsync(
                $"error: the embedded database at '{dataPath}' is in use by a running Polo (the engine allows one process per data directory). " +
                $"Run '{name}' from that app instead: /collectors → Run now. Or stop the app and retry.");
            return 3;
        }

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
        foreach (var u in result.Units)
        {
            var where = u.AccountId == "*" ? "organisation-wide" : $"{u.AccountId} {u.Region}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} {where}: {u.Status}, {u.RowsWritten:N0} rows in {u.DurationMs:N0} ms{(u.Detail is { Length: > 0 } d ? " — " + d : "")}{(u.Error is { Length: > 0 } e ? " — " + e : "")}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} finished in {sw.Elapsed.TotalSeconds:N1} s: {result.Rows:N0} rows written, {result.Failed} of {result.Units.Count} unit(s) failed"));
        return result.Ok ? 0 : 1;
    }
}
