using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Collection.Aws;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Data.Changes;

namespace Polo.Collection.Runs;

/// <summary>The result of one trigger of a collector across its accounts and regions.</summary>
public sealed record BatchResult(string Collector, string BatchId, bool AlreadyRunning, IReadOnlyList<CollectorRunRow> Units,
    string? Refused = null)
{
    public long Rows => Units.Sum(u => (long)u.RowsWritten);
    public int Failed => Units.Count(u => u.Status == RunStatus.Failed);
    public bool Ok => !AlreadyRunning && Refused == null && Failed == 0;
}

/// <summary>
/// Runs a named collector: for per-account collectors, every configured account × region in parallel (bounded by
/// MaxParallelAccounts), each account's credentials from one STS AssumeRole. A failing account is recorded and the
/// others carry on. Every unit is recorded in <c>collector_runs</c> ('running', then 'ok' or 'failed').
/// </summary>
public sealed class CollectorRunner
{
    private readonly Dictionary<string, ICollector> _collectors;
    private readonly CollectionConfig _config;
    private readonly AccountCredentials _credentials;
    private readonly CollectorRunStore _store;
    private readonly DataChangeNotifier? _notifier;
    private readonly ICollectorFollowUp[] _followUps;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.OrdinalIgnoreCase);

    public CollectorRunner(IEnumerable<ICollector> collectors, CollectionConfig config, AccountCredentials credentials,
        CollectorRunStore store, DataChangeNotifier? notifier = null, ILogger<CollectorRunner>? log = null,
        IEnumerable<ICollectorFollowUp>? followUps = null)
    {
        _followUps = followUps?.ToArray() ?? [];
        _collectors = new Dictionary<string, ICollector>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in collectors) _collectors.TryAdd(c.Name, c);
        _config = config;
        _credentials = credentials;
        _store = store;
        _notifier = notifier;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    public IReadOnlyCollection<string> CollectorNames => _collectors.Keys;

    public ICollector? Find(string name) => _collectors.GetValueOrDefault(name);

    public bool IsRunning(string collector) => _running.ContainsKey(collector);

    public async Task<BatchResult> RunAsync(string collectorName, string trigger, CancellationToken ct = default)
    {
        if (!_collectors.TryGetValue(collectorName, out var collector))
            return new BatchResult(collectorName, "", false, [], $"No collector named '{collectorName}' is registered.");
        if (collector.PerAccount && !_config.AccountsConfigured)
            return new BatchResult(collector.Name, "", false, [], "No AWS accounts are configured, so this collector is disabled.");

        var batchId = Guid.NewGuid().ToString("N");
        if (!_running.TryAdd(collector.Name, batchId))
            return new BatchResult(collector.Name, _running.GetValueOrDefault(collector.Name, ""), true, []);
        try
        {
            // The batch's running state shows on the collectors page beside its recorded runs.
            _notifier?.Publish(DataKinds.CollectorRuns, 0);
            var units = collector.PerAccount
                ? await RunPerAccountAsync(collector, batchId, trigger, ct).ConfigureAwait(false)
                : [await RunUnitAsync(collector, batchId, trigger, "*", _config.Options.DefaultRegions.FirstOrDefault() ?? "",
                    _ => Task.FromResult<AWSCredentials?>(null), ct).ConfigureAwait(false)];
            var result = new BatchResult(collector.Name, batchId, false, units);
            _log.LogInformation("Collector {Collector} finished: {Units} runs, {Failed} failed, {Rows} rows",
                collector.Name, units.Count, result.Failed, result.Rows);
            return result;
        }
        finally
        {
            _running.TryRemove(collector.Name, out _);
            _notifier?.Publish(DataKinds.CollectorRuns, 0);
        }
    }

    private async Task<List<CollectorRunRow>> RunPerAccountAsync(ICollector collector, string batchId, string trigger,
        CancellationToken ct)
    {
        // One AssumeRole per account, shared by its regions; a failure fails each of that account's regions.
        var credentials = new ConcurrentDictionary<string, Lazy<Task<AWSCredentials?>>>();
        Task<AWSCredentials?> CredentialsFor(AccountRegion unit) =>
            credentials.GetOrAdd(unit.Account.AccountId, _ => new Lazy<Task<AWSCredentials?>>(
                () => _credentials.ForAccountAsync(unit.Account, unit.Region, ct))).Value;

        var results = new ConcurrentBag<CollectorRunRow>();
        await Parallel.ForEachAsync(_config.Units().ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = _config.MaxParallel, CancellationToken = ct },
            async (unit, token) => results.Add(await RunUnitAsync(collector, batchId, trigger, unit.Account.AccountId,
                unit.Region, _ => CredentialsFor(unit), token).ConfigureAwait(false))).ConfigureAwait(false);
        return results.OrderBy(r => r.AccountId).ThenBy(r => r.Region).ToList();
    }

    private async Task<CollectorRunRow> RunUnitAsync(ICollector collector, string batchId, string trigger, string accountId,
        string region, Func<CancellationToken, Task<AWSCredentials?>> credentials, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var running = new CollectorRunRow(Guid.NewGuid().ToString("N"), batchId, collector.Name, accountId, region, started,
            null, 0, 0, RunStatus.Running, "", trigger, started);
        await TryRecordAsync(running).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        CollectorRunRow finished;
        IReadOnlyList<CollectorWarning> warnings = [];
        try
        {
            var creds = await credentials(ct).ConfigureAwait(false);
            var outcome = await collector.RunAsync(new CollectorScope(accountId, region, creds), ct).ConfigureAwait(false);
            outcome = await FollowUpAsync(collector.Name, outcome, ct).ConfigureAwait(false);
            finished = running with
            {
                Status = RunStatus.Ok,
                RowsWritten = (ulong)Math.Max(0, outcome.Rows),
                Error = "",
                Detail = outcome.Detail ?? "",
            };
            warnings = outcome.Warnings ?? [];
        }
        catch (PartialCollectionException e)
        {
            _log.LogWarning("Collector {Collector} partly failed for account {Account} in {Region}: {Error}", collector.Name, accountId, region, e.Message);
            finished = running with
            {
                Status = RunStatus.Failed,
                RowsWritten = (ulong)Math.Max(0, e.Landed.Rows),
                Error = AwsErrors.Describe(e),
                Detail = e.Landed.Detail ?? "",
            };
            warnings = e.Landed.Warnings ?? [];
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "Collector {Collector} failed for account {Account} in {Region}", collector.Name, accountId, region);
            finished = running with { Status = RunStatus.Failed, Error = AwsErrors.Describe(e) };
        }
        var now = DateTime.UtcNow;
        finished = finished with
        {
            FinishedAt = now,
            DurationMs = (ulong)clock.ElapsedMilliseconds,
            UpdatedAt = now > started ? now : started.AddMilliseconds(1),
        };
        await TryRecordAsync(finished, warnings).ConfigureAwait(false);
        return finished;
    }

    /// <summary>Runs the follow-up steps of <paramref name="collector"/>; their summaries join the outcome's detail (the rows
    /// count stays the collector's own). A failing
    /// step fails the run, saying that the collector's own rows did land.</summary>
    private async Task<CollectorOutcome> FollowUpAsync(string collector, CollectorOutcome outcome, CancellationToken ct)
    {
        foreach (var step in _followUps.Where(f => f.Follows(collector)))
        {
            CollectorOutcome more;
            try
            {
                more = await step.RunAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException(
                    $"{outcome.Rows} rows landed ({outcome.Detail}), but the follow-up step failed: {e.Message}", e);
            }
            outcome = new CollectorOutcome(outcome.Rows,
                string.Join("; ", new[] { outcome.Detail, more.Detail }.Where(d => !string.IsNullOrEmpty(d))));
        }
        return outcome;
    }

    /// <summary>A failure to write the run record is logged; it must not turn a successful collection into a failure.</summary>
    private async Task TryRecordAsync(CollectorRunRow row, IReadOnlyList<CollectorWarning>? warnings = null)
    {
        try
        {
            await _store.WriteAsync(row).ConfigureAwait(false);
            if (warnings is not null) await _store.Warnings.WriteAsync(row, warnings).ConfigureAwait(false);
            _notifier?.Publish(DataKinds.CollectorRuns, 1);
        }
        catch (Exception e)
        {
            _log.LogError(e, "Could not record run {RunId} of {Collector}", row.RunId, row.Collector);
        }
    }
}
