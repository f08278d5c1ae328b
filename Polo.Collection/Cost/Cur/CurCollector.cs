using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Collection.Accounts;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur.Bill;
using Polo.Collection.Cost.Cur.Commit;
using Polo.Collection.Cost.Cur.Reading;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Cost.Ledger;
using Polo.Collection.Status;
using Polo.Data;
using Polo.Data.Changes;

namespace Polo.Collection.Cost.Cur;

/// <summary>
/// "cur": applies the CUR in <see cref="CurOptions.Folder"/> (CUR 2.0 and legacy CUR; CSV, CSV.gz, CSV.zip,
/// Parquet) to the cost_hourly ledger through the engine, one whole (export, billing period) at a time: each period
/// the current manifest lists completely (or that hand-dropped files contain) replaces what the ledger held for it,
/// so restatements and vanished keys are exact. A malformed file is reported (file and row) and its period is not
/// written; other periods still land, then the run fails naming the bad files. Interrupted commits are undone first.
/// Cost Explorer rows for days CUR now covers are reversed (see CostExplorerCollector).
/// </summary>
public sealed class CurCollector(
    IClickHouse ch, CurOptions options, DataChangeNotifier? notifier = null, ILogger<CurCollector>? logger = null,
    CollectorProgressBoard? progressBoard = null) : ICollector
{
    public const string Source = "cur";

    private readonly ILogger _log = logger ?? NullLogger<CurCollector>.Instance;

    public string Name => Source;

    public bool PerAccount => false;

    public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Folder))
            return new CollectorOutcome(0, "no CUR folder configured (Collection:Cur:Folder)");
        if (!Directory.Exists(options.Folder))
            throw new DirectoryNotFoundException($"CUR folder '{options.Folder}' does not exist.");

        var commits = new CurCommitLog(ch);
        var recovered = await CurCommitLog.RecoverInterruptedAsync(ch, ct);
        var plan = CurBillPlan.Scan(Path.GetFullPath(options.Folder));
        var failures = new List<CurFormatException>(plan.Problems);
        var writer = new CurPeriodWriter(ch, options.TagKeys);
        using var zips = new CurZipExtractor();
        var run = new RunTally();
        var toRead = plan.Periods.Where(p => p.Complete).SelectMany(p => p.Files).Concat(plan.HandDropped).Distinct().ToList();
        var progress = new CurRunProgress(progressBoard, Name, toRead.Sum(f => new FileInfo(f).Length));
        var staging = CurServerStaging.Applies(ch);
        if (staging) await CurServerStaging.DropAllAsync(ch, ct);
        try
        {
            await ApplyAsync(plan, commits, writer, zips, run, failures, progress, ct);
        }
        finally
        {
            progress.Done();
            if (staging) await DropStagingAsync();
        }

        run.Written += await new CostLedger(ch).RetireCoveredAsync(CostExplorerCollector.Source, Source, ct);
        if (run.Written > 0) notifier?.Publish(DataKinds.Cost, run.Written);
        if (run.AccountNames.Count > 0
            && await AccountMetadataWriter.UpsertAsync(ch, run.AccountNames.Select(n => new AccountFacts(n.AccountId, n.Name)), ct) > 0)
            notifier?.Publish(DataKinds.Metadata, run.AccountNames.Count);

        if (failures.Count > 0)
            throw new CurIngestException(failures, run.Written);
        return new CollectorOutcome(run.Written,
            $"{run.Replaced} period(s) replaced ({run.Lines:N0} lines), {run.Unchanged} unchanged" +
            (run.Waiting > 0 ? $", {run.Waiting} waiting for files" : "") +
            (recovered > 0 ? $", {recovered} interrupted commit(s) undone" : "") +
            $", {plan.DataFileCount} file(s) found");
    }

    private async Task ApplyAsync(CurBillPlan plan, CurCommitLog commits, CurPeriodWriter writer, CurZipExtractor zips, RunTally run,
        List<CurFormatException> failures, CurRunProgress progress, CancellationToken ct)
    {
        foreach (var mp in plan.Periods)
        {
            ct.ThrowIfCancellationRequested();
            if (!mp.Complete)
            {
                run.Waiting++;
                _log.LogInformation("CUR {Export} {Period:yyyy-MM}: waiting for {Missing} of {Total} file(s) listed by {Manifest}",
                    mp.Export, mp.BillingPeriod, mp.Missing.Count, mp.Missing.Count + mp.Files.Count, mp.ManifestName);
                continue;
            }
            var fingerprint = plan.Fingerprint(mp.Export, mp.BillingPeriod, mp.Files, options.TagKeys);
            if (options.SkipProcessedFiles && await commits.CommittedFingerprintAsync(mp.Export, mp.BillingPeriod, ct) == fingerprint)
            {
                run.Unchanged++;
                progress.Skipped(mp.Files);
                continue;
            }
            var facts = await CheckAsync(plan, mp.Files, zips, failures, progress, ct);
            if (facts.Count != mp.Files.Count) continue;
            await CommitAsync(writer, new CurPeriod(mp.Export, mp.BillingPeriod, facts, fingerprint), run, failures, ct);
            progress.PeriodCommitted(mp.Files);
        }

        if (plan.HandDropped.Count > 0)
        {
            var setFingerprint = plan.Fingerprint(CurBillPlan.FolderExport, null, plan.HandDropped, options.TagKeys);
            if (options.SkipProcessedFiles && await commits.HasFingerprintAsync(CurBillPlan.FolderExport, setFingerprint, ct))
            {
                run.Unchanged++;
                progress.Skipped(plan.HandDropped);
            }
            else
            {
                var before = failures.Count;
                var facts = await CheckAsync(plan, plan.HandDropped, zips, failures, progress, ct);
                foreach (var period in facts.SelectMany(f => f.Periods).Distinct().Order())
                {
                    var files = facts.Where(f => f.Periods.Contains(period)).ToList();
                    var fingerprint = plan.Fingerprint(CurBillPlan.FolderExport, period, files.Select(f => f.Schema.File.SourcePath), options.TagKeys);
                    if (options.SkipProcessedFiles && await commits.CommittedFingerprintAsync(CurBillPlan.FolderExport, period, ct) == fingerprint) { run.Unchanged++; continue; }
                    await CommitAsync(writer, new CurPeriod(CurBillPlan.FolderExport, period, files, fingerprint), run, failures, ct);
                    progress.PeriodCommitted(files.Where(f => f.Periods[^1] == period).Select(f => f.Schema.File.SourcePath));
                }
                if (failures.Count == before) await commits.MarkFolderAsync(CurBillPlan.FolderExport, setFingerprint, ct);
            }
        }
    }

    private async Task DropStagingAsync()
    {
        try
        {
            await CurServerStaging.DropAllAsync(ch, CancellationToken.None);
        }
        catch (ClickHouseException e)
        {
            _log.LogWarning("CUR staging tables were not dropped (the next run drops them): {Error}", CurEngineErrors.Summary(e));
        }
    }

    /// <summary>Validates each file (engine pass); bad ones are added to <paramref name="failures"/> and left out.</summary>
    private async Task<List<CurFileFacts>> CheckAsync(CurBillPlan plan, IEnumerable<string> paths, CurZipExtractor zips,
        List<CurFormatException> failures, CurRunProgress progress, CancellationToken ct)
    {
        var facts = new List<CurFileFacts>();
        foreach (var path in paths)
        {
            ct.ThrowIfCancellationRequested();
            var name = plan.Name(path);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var enginePath = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? zips.Extract(path, name) : path;
                var checkedFile = await CurFileCheck.RunAsync(ch, new CurFile(name, path, enginePath, CurFile.FormatOf(enginePath)), options.TagKeys, ct);
                facts.Add(checkedFile);
                progress.FileChecked(path, checkedFile.Lines);
                _log.LogInformation("CUR file {File}: {Lines} valid lines checked in {Ms} ms", name, checkedFile.Lines, sw.ElapsedMilliseconds);
            }
            catch (CurFormatException e)
            {
                _log.LogError("{Message}", e.Message);
                failures.Add(e);
            }
        }
        return facts;
    }

    private async Task CommitAsync(CurPeriodWriter writer, CurPeriod period, RunTally run, List<CurFormatException> failures, CancellationToken ct)
    {
        try
        {
            _log.LogInformation("CUR {Period}: committing {Lines} lines from {Files} file(s)", period, period.Lines, period.Files.Count);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var result = await writer.CommitAsync(period, ct);
            if (result.Skipped) { run.Unchanged++; return; }
            run.Replaced++;
            run.Written += result.RowsWritten;
            run.Lines += period.Lines;
            run.AccountNames.AddRange(period.Files.SelectMany(f => f.AccountNames));
            _log.LogInformation("CUR {Period}: {Files} file(s), {Lines} lines, {Rows} ledger rows written in {Ms} ms",
                period, period.Files.Count, period.Lines, result.RowsWritten, sw.ElapsedMilliseconds);
        }
        catch (ClickHouseException e)
        {
            var error = new CurFormatException(string.Join(", ", period.Files.Select(f => f.Schema.File.Name)), null,
                $"billing period {period.BillingPeriod:yyyy-MM} of {period.Export} was not written ({CurEngineErrors.Summary(e)})");
            _log.LogError("{Message}", error.Message);
            failures.Add(error);
        }
    }

    private sealed class RunTally
    {
        public long Written;
        public long Lines;
        public int Replaced;
        public int Unchanged;
        public int Waiting;
        public readonly List<(string AccountId, string Name)> AccountNames = [];
    }
}

/// <summary>One or more CUR files were malformed; their periods were not written. Other periods may have landed.</summary>
public sealed class CurIngestException(IReadOnlyList<CurFormatException> failures, long rowsWritten)
    : Exception(failures.Count == 1
        ? failures[0].Message + " Nothing from that file was written."
        : $"{failures.Count} CUR files are malformed and were not written: " + string.Join(" | ", failures.Select(f => f.Message)))
{
    public IReadOnlyList<CurFormatException> Failures { get; } = failures;

    public long RowsWritten { get; } = rowsWritten;
}
