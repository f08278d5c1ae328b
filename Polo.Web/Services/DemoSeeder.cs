using Polo.Data;
using Polo.Data.Changes;
using Polo.Data.Demo;

namespace Polo.Web.Services;

/// <summary>On a fresh database, generates the demo estate in the background so the app has something to explain.</summary>
public sealed class DemoSeeder(IClickHouse ch, DataChangeNotifier notifier, DemoSeedStatus status,
    IConfiguration configuration, ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var rows = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly", ct: stoppingToken);
            if (rows > 0) return;
            var days = configuration.GetValue("Polo:DemoDays", 90);
            logger.LogInformation("Empty database: generating the {Days}-day demo estate", days);
            var progress = new Progress<DemoProgress>(status.Report);
            var summary = await new DemoEstateGenerator(ch, notifier)
                .GenerateAsync(new DemoEstateOptions(Days: days), progress, stoppingToken);
            status.Report(new DemoProgress("done", 1));
            logger.LogInformation("Demo estate ready: {Resources} resources, {Rows} cost rows, total {Total}",
                summary.Resources, summary.CostRows, Polo.Web.Services.State.Money.Format(summary.TotalCost));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo seeding failed");
            status.Fail(e is ClickHouseException ? e.Message : $"Demo seeding failed: {e.Message}");
        }
    }
}
