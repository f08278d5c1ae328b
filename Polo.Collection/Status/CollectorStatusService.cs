using Polo.Collection.Configuration;
using Polo.Collection.Inventory.Safety;
using Polo.Collection.Runs;
using Polo.Collection.Scheduling;
using Polo.Data.Access;

namespace Polo.Collection.Status;

/// <summary>One collector as the status page shows it.</summary>
public sealed record CollectorStatus(
    string Name,
    bool PerAccount,
    string? Schedule,
    DateTimeOffset? NextFire,
    bool Running,
    bool Disabled,
    CollectorBatchSummary? LastBatch);

/// <summary>One account and region's latest run of a collector, with the account's configured name.</summary>
public sealed record AccountRunStatus(string AccountId, string AccountName, string Region, CollectorRunRow? Latest);

/// <summary>Everything the collectors page reads: configuration, schedules, running state and recorded runs.</summary>
public sealed class CollectorStatusService(CollectorRunner runner, CollectorScheduler scheduler, CollectorRunStore store,
    CollectionConfig config, HeldDeletionService? holds = null)
{
    /// <summary>Deletions the safety valve held back, and their confirmation (null when not registered).</summary>
    public HeldDeletionService? Holds => holds;

    /// <summary>What the collector skipped, cut, held back or failed to list and still does: its open warnings in the
    /// accounts and regions of its latest batch, each raised once (<see cref="CollectorWarningStore"/>).</summary>
    public Task<List<CollectorWarningRow>> WarningsAsync(string collector, CancellationToken ct = default) =>
        store.Warnings.OpenAsync(collector, ct: ct);

    public CollectionConfig Config => config;

    public CollectorRunner Runner => runner;

    public async Task<List<CollectorStatus>> CollectorsAsync(CancellationToken ct = default)
    {
        var batches = (await store.LatestBatchesAsync(ct)).ToDictionary(b => b.Collector, StringComparer.OrdinalIgnoreCase);
        return runner.CollectorNames.Order(StringComparer.Ordinal).Select(name =>
        {
            var c = runner.Find(name)!;
            return new CollectorStatus(name, c.PerAccount, config.ScheduleOf(name), scheduler.NextFire(name),
                runner.IsRunning(name) || scheduler.IsPending(name), c.PerAccount && !config.AccountsConfigured,
                batches.GetValueOrDefault(name));
        }).ToList();
    }

    /// <summary>Every configured account and region (and any other that has runs), with its latest run.</summary>
    public async Task<List<AccountRunStatus>> AccountsAsync(string collector, CancellationToken ct = default)
    {
        var latest = await store.LatestPerAccountAsync(collector, ct);
        var names = config.Accounts.ToDictionary(a => a.AccountId, a => a.Name);
        var rows = new List<AccountRunStatus>();
        var perAccount = runner.Find(collector)?.PerAccount ?? true;
        if (perAccount)
            foreach (var unit in config.Units())
                rows.Add(new AccountRunStatus(unit.Account.AccountId, unit.Account.Name, unit.Region,
                    latest.FirstOrDefault(r => r.AccountId == unit.Account.AccountId && r.Region == unit.Region)));
        foreach (var r in latest.Where(r => !rows.Any(x => x.AccountId == r.AccountId && x.Region == r.Region)))
            rows.Add(new AccountRunStatus(r.AccountId, names.GetValueOrDefault(r.AccountId, r.AccountId == "*" ? "all accounts" : ""),
                r.Region, r));
        return rows;
    }

    public Task<List<CollectorRunRow>> HistoryAsync(string collector, int limit = 20, CancellationToken ct = default) =>
        store.HistoryAsync(collector, limit, ct);

    public Task<RunNowResult> RunNowAsync(string collector, Actor actor, CancellationToken ct = default) =>
        scheduler.RunNowAsync(collector, actor, ct);
}
