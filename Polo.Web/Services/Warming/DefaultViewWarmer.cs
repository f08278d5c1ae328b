using System.Diagnostics;
using System.Threading.Channels;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Accounts;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;
using Polo.Web.Services.State;

namespace Polo.Web.Services.Warming;

/// <summary>
/// Computes the shared cached answers of the default views — the decomposition of the default range against its
/// baseline by customer (Explain and Cost delta) and by cluster, and the first Hierarchy roots with its untagged row —
/// and what every page reads as it loads (the data's extent, the currency of the default periods, the account names),
/// at startup and after each write of the kinds they read, so the first visitor after new data gets a warm answer: a
/// visit's loads then complete without a query, and its interactive render is one render of the finished page (no
/// loading bar, no second batch). It runs in the
/// background after a write's (throttled) notification: a write never waits for it, and a visitor who arrives while it
/// runs joins the same single-flight computation. Skipped while the demo estate is seeding. Off with
/// <c>Polo:WarmDefaultViews=false</c>.
/// </summary>
public sealed class DefaultViewWarmer(ICostQueries costs, IDeltaDecomposer decomposer, IHierarchyQueries hierarchy,
    ICurrencyQueries currencies, AccountDirectory accounts, DataChangeNotifier notifier, DemoSeedStatus seeding,
    ILogger<DefaultViewWarmer> log, DefaultPageRenderer? pages = null) : BackgroundService
{
    /// <summary>What the default views read: a write of any of these makes their cached answers stale.</summary>
    public const DataKinds Reads = CachedDeltaDecomposer.Reads | CachedHierarchyQueries.Reads | CachedCostQueries.Reads;

    /// <summary>A burst of writes (a collector run) warms once, this long after its first write.</summary>
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(3);

    private static readonly Grouping[] Groupings = [Grouping.Customer, Grouping.Cluster];

    /// <summary>Completed warm-ups (for tests and the log).</summary>
    public int Runs { get; private set; }

    /// <summary>Whether the default pages were rendered once (<see cref="DefaultPageRenderer"/>: their code compiled).</summary>
    private bool _rendered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        // DemoSeed: the seeder's end (its writes come while it runs, when a warm-up is skipped).
        using var subscription = notifier.Subscribe(Reads | DataKinds.DemoSeed, _ =>
        {
            due.Writer.TryWrite(true);
            return Task.CompletedTask;
        }, Throttle);
        due.Writer.TryWrite(true); // the data the app starts on is new to its caches
        try
        {
            await foreach (var _ in due.Reader.ReadAllAsync(stoppingToken))
                await WarmAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One warm-up of the default views over the data as it is now.</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        if (seeding.Running) return; // the seeder's last write warms the finished estate
        try
        {
            var sw = Stopwatch.StartNew();
            var extent = await costs.ExtentAsync(ct);
            if (extent.LastHour is null) return;
            var selection = RangeSelection.From(new Dictionary<string, string>(), extent);
            await accounts.RefreshAsync(ct);
            await currencies.InAsync([selection.Baseline, selection.Range], ct);
            foreach (var by in Groupings)
                await decomposer.DecomposeAsync(selection.Baseline, selection.Range, by, null, selection.CostType, ct);
            await hierarchy.ChildrenPageAsync("", selection.Range, selection.CostType, ShownRows.Step, ct);
            await costs.BreakdownAsync(selection.Range, Grouping.Customer, new CostFilter(NodeId: NodeId.Unassigned), selection.CostType, ct);
            if (pages is not null && !_rendered)
            {
                _rendered = true;
                try
                {
                    var (rendered, took) = await pages.RenderAsync(ct);
                    log.LogInformation("Rendered {Pages} default pages once in {Ms} ms", rendered, (long)took.TotalMilliseconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The first visitor then compiles the pages, nothing worse.
                    log.LogWarning(e, "Rendering the default pages in advance failed");
                }
            }
            Runs++;
            log.LogInformation("Warmed the default views ({Range}, by customer and cluster, hierarchy roots) in {Ms} ms",
                selection.Range, sw.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A failed warm-up costs the next visitor a cold answer, nothing more: the page shows its own error if the
            // query fails for it too.
            log.LogWarning(e, "Warming the default views failed");
        }
    }
}
