using Polo.Collection.Cost.Cur.Reading;
using Polo.Data;
using Polo.Data.Facts;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>
/// The commit log of whole-period restatements (table cur_commits). A period's difference is appended to cost_hourly
/// between a 'started' and a 'done' row, every ledger row tagged with the commit's batch id. A process killed in
/// between leaves a batch with only 'started': <see cref="RecoverAsync"/> reverses exactly what that batch wrote
/// (whatever part of it reached storage), repairs the daily rollup over the batch's hours and marks it
/// 'rolled_back', so the ledger is back to the state before the commit. Each step is idempotent, so a kill during
/// recovery is recovered by the next one.
/// </summary>
public sealed class CurCommitLog(IClickHouse ch)
{
    public const string Started = "started";
    public const string Done = "done";
    public const string RolledBack = "rolled_back";

    /// <summary>Serialises ledger commits within the process (recovery and commits never interleave).</summary>
    internal static readonly SemaphoreSlim Gate = new(1, 1);

    public static string NewBatchId() => "cur:" + Guid.NewGuid().ToString("N");

    public Task StartAsync(string batch, CurPeriod period, DateTime minHour, DateTime maxHour, CancellationToken ct) =>
        ch.ExecuteAsync("""
            INSERT INTO cur_commits (batch_id, export, billing_period, fingerprint, state, files, lines, min_hour, max_hour)
            VALUES ({batch:String}, {export:String}, {period:Date}, {fp:String}, 'started', {files:UInt32}, {lines:UInt64},
                    {min:DateTime('UTC')}, {max:DateTime('UTC')})
            """, new QueryParams
        {
            ["batch"] = batch, ["export"] = period.Export, ["period"] = period.BillingPeriod, ["fp"] = period.Fingerprint,
            ["files"] = period.Files.Count, ["lines"] = period.Lines, ["min"] = minHour, ["max"] = maxHour,
        }, ct);

    public Task FinishAsync(string batch, string state, long rows, CancellationToken ct) =>
        ch.ExecuteAsync("""
            INSERT INTO cur_commits (batch_id, export, billing_period, fingerprint, state, files, lines, rows_written, min_hour, max_hour)
            SELECT batch_id, export, billing_period, fingerprint, {state:String}, files, lines, {rows:UInt64}, min_hour, max_hour
            FROM cur_commits WHERE batch_id = {batch:String} AND state = 'started' LIMIT 1
            """, new QueryParams { ["batch"] = batch, ["state"] = state, ["rows"] = rows }, ct);

    /// <summary>The fingerprint of the last completed commit of (export, period), or null.</summary>
    public async Task<string?> CommittedFingerprintAsync(string export, DateOnly period, CancellationToken ct)
    {
        var rows = await ch.QueryAsync<FingerprintRow>("""
            SELECT argMax(fingerprint, at) AS fingerprint FROM cur_commits
            WHERE export = {export:String} AND billing_period = {period:Date} AND state = 'done'
            HAVING count() > 0
            """, new QueryParams { ["export"] = export, ["period"] = period }, ct);
        return rows.Count == 0 ? null : rows[0].Fingerprint;
    }

    /// <summary>True when some commit of <paramref name="export"/> is done with this fingerprint (a whole-folder skip).</summary>
    public async Task<bool> HasFingerprintAsync(string export, string fingerprint, CancellationToken ct) =>
        await ch.ScalarAsync<long>("""
            SELECT count() FROM cur_commits WHERE export = {export:String} AND fingerprint = {fp:String} AND state = 'done'
            """, new QueryParams { ["export"] = export, ["fp"] = fingerprint }, ct) > 0;

    /// <summary>Records that a whole set of hand-dropped files was applied, so an unchanged folder is not re-read.</summary>
    public Task MarkFolderAsync(string export, string fingerprint, CancellationToken ct) =>
        ch.ExecuteAsync("""
            INSERT INTO cur_commits (batch_id, export, billing_period, fingerprint, state, min_hour, max_hour)
            VALUES ({batch:String}, {export:String}, '1970-01-01', {fp:String}, 'done', 0, 0)
            """, new QueryParams { ["batch"] = "folder:" + fingerprint, ["export"] = export, ["fp"] = fingerprint }, ct);

    /// <summary>Undoes every interrupted commit under the process's commit gate, and drops the restatement work tables
    /// a killed commit left; run at every start (app and CLI).</summary>
    public static async Task<int> RecoverInterruptedAsync(IClickHouse ch, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var recovered = await new CurCommitLog(ch).RecoverAsync(ct);
            await CurScratchTables.DropAsync(ch, CurDifferenceSql.WorkPrefix, ct);
            return recovered;
        }
        finally { Gate.Release(); }
    }

    /// <summary>Reverses every interrupted commit; returns how many were recovered.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var open = await ch.QueryAsync<OpenBatch>("""
            SELECT batch_id, any(min_hour) AS min_hour, any(max_hour) AS max_hour FROM cur_commits
            GROUP BY batch_id HAVING countIf(state IN ('done', 'rolled_back')) = 0
            """, ct: ct);
        foreach (var b in open)
        {
            await RollBackAsync(b.BatchId, b.MinHour, b.MaxHour, ct);
            await FinishAsync(b.BatchId, RolledBack, 0, ct);
        }
        return open.Count;
    }

    /// <summary>Appends the negation of whatever <paramref name="batch"/> holds net in the ledger, then makes the daily
    /// rollup and the per-resource facts equal the ledger over the batch's days (a kill may have landed a ledger part
    /// without its views' parts).</summary>
    internal async Task RollBackAsync(string batch, DateTime minHour, DateTime maxHour, CancellationToken ct)
    {
        var p = new QueryParams { ["batch"] = batch, ["min"] = minHour, ["max"] = maxHour };
        await ch.ExecuteAsync(CurLedgerSql.ReverseBatch, p, ct);
        await ch.ExecuteAsync(CurLedgerSql.ReconcileRollup, p, ct);
        await ResourceDailyFacts.ReconcileAsync(ch, minHour, maxHour, ct);
    }

    private sealed record FingerprintRow(string Fingerprint);

    private sealed record OpenBatch(string BatchId, DateTime MinHour, DateTime MaxHour);
}
