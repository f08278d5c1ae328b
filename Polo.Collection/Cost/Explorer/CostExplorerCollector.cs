using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Cost.Ledger;
using Polo.Collection.Cost.Tagging;
using Polo.Data;
using Polo.Data.Changes;

namespace Polo.Collection.Cost.Explorer;

/// <summary>
/// "cost-explorer": the secondary cost source. Reads GetCostAndUsage grouped by linked account and service for the
/// last <see cref="CostExplorerOptions.LookbackDays"/> days and writes the difference to the cost_hourly ledger
/// with source 'cost-explorer' (resource_id and usage_type empty: Cost Explorer groups carry no resource).
/// <para>No double counting with CUR: CUR is authoritative for every (day, account) it holds any line for.
/// Cost Explorer lines for such a day and account are treated as zero, which also reverses any Cost Explorer
/// amount written there earlier; the CUR collector reverses them too after each of its runs.</para>
/// </summary>
public sealed class CostExplorerCollector(
    IClickHouse ch, CostExplorerClient client, CostExplorerOptions options,
    DataChangeNotifier? notifier = null, ILogger<CostExplorerCollector>? logger = null, Func<DateTime>? clock = null) : ICollector
{
    public const string Source = "cost-explorer";

    private readonly ILogger _log = logger ?? NullLogger<CostExplorerCollector>.Instance;

    public string Name => Source;

    public bool PerAccount => false;

    public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
    {
        if (!options.Enabled) return new CollectorOutcome(0, "Cost Explorer collection is disabled (Collection:CostExplorer:Enabled)");

        var credentials = await (scope.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials()).GetCredentialsAsync();
        var today = (clock?.Invoke() ?? DateTime.UtcNow).Date;
        var start = today.AddDays(-Math.Max(1, options.LookbackDays));
        var groups = await client.GetCostAndUsageAsync(start, today, credentials, ct);

        var lines = groups
            .Select(g => new CostLine(g.PeriodStart, g.AccountId, g.Region, CostVocabulary.ExplorerService(g.Service),
                CostVocabulary.UsageType(g.UsageType), "", "", "", "", "", g.UnblendedCost, g.UsageQuantity, g.Tags))
            .ToList();
        var ledger = new CostLedger(ch);
        var batchId = CostLedger.NewBatchId(Source);
        try
        {
            await ledger.StageAsync(batchId, lines, ct);
        }
        catch
        {
            await ledger.DiscardAsync(batchId, CancellationToken.None);
            throw;
        }
        var written = await ledger.ApplyDifferenceAsync(batchId, Source, yieldToSource: CurCollector.Source, ct);
        _log.LogInformation("Cost Explorer {Start:yyyy-MM-dd}..{End:yyyy-MM-dd}: {Groups} groups, {Rows} ledger rows written",
            start, today, groups.Count, written);
        if (written > 0) notifier?.Publish(DataKinds.Cost, written);
        return new CollectorOutcome(written, $"{groups.Count} groups from {start:yyyy-MM-dd} to {today:yyyy-MM-dd}");
    }
}
