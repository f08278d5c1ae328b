using Polo.Collection.Core;
using Polo.Data;

namespace Polo.Collection.Runs;

/// <summary>One row of <c>collector_warnings</c> (migrations 040, 042).</summary>
public sealed record CollectorWarningRow(
    string RunId, string BatchId, string Collector, string AccountId, string Region, string Kind, string ResourceType,
    string ResourceId, string Message, DateTime ObservedAt);

/// <summary>
/// Warnings are conditions, raised once per distinct condition until it clears. A condition is (collector, account,
/// region, kind, resource type, resource id, message). A run raises (writes) only the conditions that are not already
/// open for its account and region; a run that succeeded clears (writes with state <c>cleared</c>) the open ones it
/// no longer saw, except those of resources it skipped (it could not look at them). A failed run clears nothing.
/// </summary>
public sealed class CollectorWarningStore(IClickHouse ch)
{
    /// <summary>Warnings kept per run at most; the rest are summed up in one line.</summary>
    public const int MaxPerRun = 500;

    public const string Raised = "raised";
    public const string Cleared = "cleared";

    private sealed record Condition(string Kind, string ResourceType, string ResourceId, string Message);

    private sealed record StateRow(string RunId, string BatchId, string Collector, string AccountId, string Region, string Kind,
        string ResourceType, string ResourceId, string Message, string State, DateTime ObservedAt);

    /// <summary>Records what the finished <paramref name="run"/> saw: new conditions raised, gone ones cleared.</summary>
    public async Task WriteAsync(CollectorRunRow run, IReadOnlyList<CollectorWarning> warnings, CancellationToken ct = default)
    {
        var seen = warnings.Take(MaxPerRun).Select(w => new Condition(w.Kind, w.ResourceType, w.ResourceId, w.Message)).ToList();
        if (warnings.Count > MaxPerRun)
            seen.Add(new Condition("more", "", "", $"{warnings.Count - MaxPerRun:N0} more warnings not stored"));
        var open = await OpenInScopeAsync(run, ct).ConfigureAwait(false);
        var raise = seen.Distinct().Where(c => !open.Contains(c));
        var clear = run.Status != RunStatus.Ok ? Enumerable.Empty<Condition>() : open.Except(seen).Where(c => !IsSkipped(c, seen));
        var now = DateTime.UtcNow;
        var rows = raise.Select(c => Row(run, c, Raised, now)).Concat(clear.Select(c => Row(run, c, Cleared, now))).ToList();
        if (rows.Count > 0) await ch.InsertAsync("collector_warnings", rows, ct: ct).ConfigureAwait(false);
    }

    private static bool IsSkipped(Condition c, IReadOnlyList<Condition> seen) =>
        c.ResourceId != "" && seen.Any(s => s.Kind == WarningKinds.SkippedResource && s.ResourceId == c.ResourceId);

    private static StateRow Row(CollectorRunRow run, Condition c, string state, DateTime at) =>
        new(run.RunId, run.BatchId, run.Collector, run.AccountId, run.Region, c.Kind, c.ResourceType, c.ResourceId, c.Message,
            state, at);

    /// <summary>Latest row per condition, as a subquery over the filter <paramref name="where"/>.</summary>
    private static string Latest(string where) => $"""
        SELECT * FROM collector_warnings WHERE {where}
        ORDER BY observed_at DESC
        LIMIT 1 BY account_id, region, kind, resource_type, resource_id, message
        """;

    private async Task<HashSet<Condition>> OpenInScopeAsync(CollectorRunRow run, CancellationToken ct)
    {
        var rows = await ch.QueryAsync<Condition>($"""
            SELECT kind, resource_type, resource_id, message
            FROM ({Latest("collector = {collector:String} AND account_id = {account:String} AND region = {region:String}")})
            WHERE state = '{Raised}'
            """, new QueryParams { ["collector"] = run.Collector, ["account"] = run.AccountId, ["region"] = run.Region }, ct)
            .ConfigureAwait(false);
        return rows.ToHashSet();
    }

    /// <summary>The collector's open warnings, in the accounts and regions of its most recent batch that has runs; each
    /// as first raised (its run, batch and time).</summary>
    public Task<List<CollectorWarningRow>> OpenAsync(string collector, int limit = 200, CancellationToken ct = default) =>
        ch.QueryAsync<CollectorWarningRow>($$"""
            SELECT run_id, batch_id, collector, account_id, region, kind, resource_type, resource_id, message, observed_at
            FROM ({{Latest("collector = {collector:String}")}})
            WHERE state = '{{Raised}}'
              AND (account_id, region) IN
                  (SELECT account_id, region FROM collector_runs FINAL
                   WHERE collector = {collector:String}
                     AND batch_id = (SELECT argMax(batch_id, started_at) FROM collector_runs FINAL WHERE collector = {collector:String}))
            ORDER BY account_id, region, kind, resource_id
            LIMIT {limit:UInt32}
            """, new QueryParams { ["collector"] = collector, ["limit"] = limit }, ct);
}
