using System.Globalization;
using Polo.Data;
using Polo.Data.Demo;
using Polo.Data.Migrations;

namespace Polo.Web.Cli;

/// <summary>
/// Command-line verbs of the app: `migrate`, `generate-demo [--days N] [--scale N] [--seed N] [--reset]`.
/// They read the same configuration (appsettings, environment, ClickHouse__*) as the web app.
/// </summary>
public static class CliCommands
{
    private static readonly string[] Verbs = ["migrate", "generate-demo", "help", "--help"];

    public static bool IsCommand(string arg) => Verbs.Contains(arg, StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args[0].ToLowerInvariant();
        if (verb is "help" or "--help")
        {
            Console.WriteLine("usage: Polo.Web [migrate | generate-demo [--days 90] [--scale 1] [--seed 42] [--reset]]");
            return 0;
        }
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Skip(1).Where(a => a != "--reset").ToArray())
            .Build();
        var options = new ClickHouseOptions();
        configuration.GetSection(ClickHouseOptions.Section).Bind(options);
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
}
