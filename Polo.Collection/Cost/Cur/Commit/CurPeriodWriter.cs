using System.Globalization;
using Polo.Collection.Cost.Cur.Reading;
using Polo.Collection.Cost.Tagging;
using Polo.Data;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>What committing one period did.</summary>
public sealed record CurPeriodResult(CurPeriod Period, long RowsWritten, bool Skipped);

/// <summary>
/// Replaces one (export, billing period) in the ledger as a whole: when the ledger holds nothing for the period yet,
/// one INSERT … SELECT reads the period's files through the engine and appends the lines as they are; otherwise the
/// files are read once into a work table and the non-zero differences to everything the ledger holds for the period
/// are appended, for the lines that moved (see <see cref="CurDifferenceSql"/>),
/// between the 'started' and 'done' rows of the commit log (see <see cref="CurCommitLog"/> for crash recovery).
/// </summary>
public sealed class CurPeriodWriter(IClickHouse ch, HierarchyTagKeys tagKeys)
{
    private readonly CurCommitLog _log = new(ch);

    public async Task<CurPeriodResult> CommitAsync(CurPeriod period, CancellationToken ct)
    {
        var p = new QueryParams { ["export"] = period.Export, ["period"] = period.BillingPeriod };
        var held = await ch.QueryAsync<HourRange>("""
            SELECT min(hour) AS min_hour, max(hour) AS max_hour, count() AS n FROM cost_hourly
            WHERE source = 'cur' AND billing_period = {period:Date} AND cur_export IN ({export:String}, '')
            """, p, ct);
        var hours = new[] { period.MinHour, period.MaxHour }
            .Concat(held.Where(h => h.N > 0).SelectMany(h => new DateTime?[] { h.MinHour, h.MaxHour }))
            .Where(h => h is not null).Select(h => h!.Value).ToList();
        if (hours.Count == 0) return new CurPeriodResult(period, 0, Skipped: false);
        DateTime min = hours.Min(), max = hours.Max();

        var lines = string.Join("\nUNION ALL\n", period.Files.Select(f =>
            CurLedgerSql.PeriodLines(new CurProjection(f.Schema, tagKeys).Select(), f.Schema.File.Name)));
        var settings = CurFileSchema.ReadSettingsOf(ch);
        var inventory = await ch.ScalarAsync<long>(CurLedgerSql.InventoryHoldsIdentity, ct: ct) > 0;
        var batch = CurCommitLog.NewBatchId();
        p["batch"] = batch;
        p["min"] = min;
        p["max"] = max;

        await CurCommitLog.Gate.WaitAsync(ct);
        try
        {
            await _log.StartAsync(batch, period, min, max, ct);
            try
            {
                if (held.All(h => h.N == 0))
                {
                    await ch.ExecuteAsync(CurLedgerSql.FirstLoad(lines, inventory, settings), p, ct);
                }
                else
                {
                    await RestateAsync(lines, inventory, settings, p, ct);
                }
                var rows = await ch.ScalarAsync<long>("""
                    SELECT count() FROM cost_hourly
                    WHERE ingest_batch = {batch:String} AND hour >= {min:DateTime('UTC')} AND hour <= {max:DateTime('UTC')}
                    """, p, ct);
                await _log.FinishAsync(batch, CurCommitLog.Done, rows, ct);
                return new CurPeriodResult(period, rows, Skipped: false);
            }
            catch (Exception e) when (e is ClickHouseException or OperationCanceledException)
            {
                // Undo whatever part of the difference landed, so a failed commit leaves the old state.
                await _log.RollBackAsync(batch, min, max, CancellationToken.None);
                await _log.FinishAsync(batch, CurCommitLog.RolledBack, 0, CancellationToken.None);
                throw;
            }
        }
        finally
        {
            CurCommitLog.Gate.Release();
        }
    }

    /// <summary>
    /// The difference of a period the ledger already holds (see <see cref="CurDifferenceSql"/>): the files are read
    /// once into a work table; only the days, then the (hour, identity) pairs, whose content moved are grouped by full
    /// identity, so a refresh that adds a day rewrites that day and a restatement groups only the lines it re-priced.
    /// </summary>
    private async Task RestateAsync(string lines, bool inventory, string settings, QueryParams p, CancellationToken ct)
    {
        var work = CurDifferenceSql.WorkPrefix + Guid.NewGuid().ToString("N");
        var keys = work + "_keys";
        try
        {
            await ch.ExecuteAsync(CurDifferenceSql.StageNewLines(work, lines, inventory, settings), p, ct);
            var changed = (await ch.QueryAsync<ChangedDay>(CurDifferenceSql.ChangedDays(work), p, ct))
                .Select(d => DateOnly.Parse(d.Day, CultureInfo.InvariantCulture)).ToList();
            if (changed.Count == 0) return;
            await ch.ExecuteAsync(CurDifferenceSql.ChangedKeys(work, keys, changed), p, ct);
            await ch.ExecuteAsync(CurDifferenceSql.Difference(work, keys, changed), p, ct);
        }
        finally
        {
            // A killed commit's work tables are dropped at the next start (CurCommitLog.RecoverInterruptedAsync).
            foreach (var table in new[] { keys, work })
                await ch.ExecuteAsync($"DROP TABLE IF EXISTS {table} SYNC", ct: CancellationToken.None);
        }
    }

    private sealed record ChangedDay(string Day);

    private sealed record HourRange(DateTime? MinHour, DateTime? MaxHour, long N);
}
