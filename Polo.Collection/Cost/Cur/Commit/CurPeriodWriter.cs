using Polo.Collection.Cost.Cur.Reading;
using Polo.Collection.Cost.Tagging;
using Polo.Data;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>What committing one period did.</summary>
public sealed record CurPeriodResult(CurPeriod Period, long RowsWritten, bool Skipped);

/// <summary>
/// Replaces one (export, billing period) in the ledger as a whole: one INSERT … SELECT reads the period's files
/// through the engine, subtracts everything the ledger holds for the period and appends the non-zero differences
/// (or, when the ledger holds nothing for the period yet, appends the lines as they are),
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
                var firstLoad = held.All(h => h.N == 0);
                await ch.ExecuteAsync(firstLoad ? CurLedgerSql.FirstLoad(lines) : CurLedgerSql.Difference(lines), p, ct);
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

    private sealed record HourRange(DateTime? MinHour, DateTime? MaxHour, long N);
}
