using System.Globalization;
using Polo.Data;
using Polo.Data.Demo;
using Polo.Data.Migrations;

namespace Polo.Web.Cli;

/// <summary>
/// Command-line verbs of the app: `migrate`, `generate-demo [--days N] [--scale N] [--seed N] [--reset]`,
/// `collect &lt;collector&gt; [--folder DIR]` (<see cref="CollectCommand"/>) and `query "SQL"` (<see cref="QueryCommand"/>).
/// They read the same configuration (appsettings, environment, ClickHouse__*) as the web app.
/// </summary>
public static class CliCommands
{
    private static readonly string[] Verbs = ["migrate", "generate-demo", "collect", "query", "help", "--help"];

    public static bool IsCommand(string arg) => Verbs.Contains(arg, StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args[0].ToLowerInvariant();
        if (verb is "help" or "--help")
        {
            Console.WriteLine("usage: Polo.Web [migrate | generate-demo [--days 90] [--scale 1] [--seed 42] [--reset] | " +
                              "collect <collector> [--folder DIR] [--url URL] [--token polo_…] | query \"SQL\"]");
            return 0;
        }
        if (verb is "collect" or "query")
        {
            // Positional arguments (collector name, SQL) stay out of the configuration; only --key value pairs go in.
            var switches = SwitchArguments(args.Skip(1).ToArray());
            var settings = Configuration(switches);
            try
            {
                return verb == "collect" ? await CollectCommand.RunAsync(settings, args) : await QueryCommand.RunAsync(settings, args);
            }
            catch (Exception e) when (e is ClickHouseException or MigrationException or InvalidOperationException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        }
        var configuration = Configuration(args.Skip(1).Where(a => a != "--reset").ToArray());
        var options = ClickHouseOptions.From(configuration);
        try
        {
            await using var ch = ClickHouseFactory.Create(options);
            var migration = await new MigrationRunner(ch, options.ResolveMigrationsPath()).ApplyAsync();
            Console.WriteLine($"migrations applied: {(migration.Applied.Count == 0 ? "none pending" : string.Join(", ", migration.Applied))}");
            if (verb == "migrate") return 0;

            var demo = new DemoEstateOptions(
                Days: configuration.GetValue("days", 90),
                Scale: configuration.GetValue("scale", 1),
                Seed: configuration.GetValue("seed", 42));
            var generator = new DemoEstateGenerator(ch, null);
            if (args.Contains("--reset")) await generator.ResetAsync();
            var last = "";
            var summary = await generator.GenerateAsync(demo, new Progress<DemoProgress>(p =>
            {
                var line = $"{p.Stage} {p.Fraction:P0}";
                if (line != last) Console.WriteLine(last = line);
            }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"demo estate: {summary.Accounts} accounts, {summary.Customers} customers, {summary.Resources} resources, " +
                $"{summary.CostRows} cost rows, {summary.Events} events, total ${summary.TotalCost:N2}"));
            foreach (var c in summary.Causes)
                Console.WriteLine($"  injected {c.Kind} on {c.NodeId}: {c.Description}");
            return 0;
        }
        catch (Exception e) when (e is ClickHouseException or MigrationException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static IConfiguration Configuration(string[] commandLine) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(commandLine)
        .Build();

    private static string[] SwitchArguments(string[] args)
    {
        var switches = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            switches.Add(args[i]);
            if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length) switches.Add(args[++i]);
        }
        return [.. switches];
    }
}
