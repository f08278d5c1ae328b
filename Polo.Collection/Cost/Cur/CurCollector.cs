using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Collection.Core;
using Polo.Collection.Cost.Explorer;
using Polo.Collection.Cost.Ledger;
using Polo.Data;

namespace Polo.Collection.Cost.Cur;

/// <summary>
/// "cur": applies every CUR 2.0 file (.csv, .csv.gz, .parquet) in <see cref="CurOptions.Folder"/> to the cost_hourly
/// ledger as differences, so re-runs write nothing and restatements write exact deltas. A malformed file is
/// reported (file and row) and skipped whole; the other files still land, then the run fails naming the bad files.
/// Cost Explorer rows for days CUR now covers are reversed (see CostExplorerCollector for the no-double-count rule).
/// </summary>
public sealed class CurCollector(
    IClickHouse ch, CurOptions options, DataChangeNotifier? notifier = null, ILogger<CurCollector>? logger = null) : ICollector
{
    private readonly ILogger _log = logger ?? NullLogger<CurCollector>.Instance;

    public string Name => "cur";

    public bool PerAccount => false;

    public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Folder))
            return new CollectorOutcome(0, "no CUR folder configured (Collection:Cur:Folder)");
        if (!Directory.Exists(options.Folder))
            throw new DirectoryNotFoundException($"CUR folder '{options.Folder}' does not exist.");

        var ledger = new CostLedger(ch);
        var ingester = new CurFileIngester(ledger, new ProcessedCurFiles(ch), options);
        var files = Directory.EnumerateFiles(options.Folder, "*", SearchOption.AllDirectories)
            .Where(CurFileReader.IsSupported)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        long written = 0, applied = 0, skipped = 0;
        var failures = new List<CurFormatException>();
        foreach (var path in files)
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetRelativePath(options.Folder, path);
            try
            {
                var result = await ingester.IngestAsync(path, name, ct);
                if (result.Skipped) { skipped++; continue; }
                applied++;
                written += result.RowsWritten;
                _log.LogInformation("CUR file {File}: {Lines} lines, {Rows} ledger rows written", name, result.Lines, result.RowsWritten);
            }
            catch (CurFormatException e)
            {
                _log.LogError("{Message}", e.Message);
                failures.Add(e);
            }
        }

        written += await ledger.RetireCoveredAsync(CostExplorerCollector.Source, CurFileIngester.Source, ct);
        if (written > 0) notifier?.Publish("cost", written);

        if (failures.Count > 0)
            throw new CurIngestException(failures, written);
        return new CollectorOutcome(written, $"{applied} file(s) applied, {skipped} unchanged, {files.Count} found");
    }
}

/// <summary>One or more CUR files were malformed; each was skipped whole. Other files may have landed.</summary>
public sealed class CurIngestException(IReadOnlyList<CurFormatException> failures, long rowsWritten)
    : Exception(failures.Count == 1
        ? failures[0].Message + " Nothing from that file was written."
        : $"{failures.Count} CUR files are malformed and were not written: " + string.Join(" | ", failures.Select(f => f.Message)))
{
    public IReadOnlyList<CurFormatException> Failures { get; } = failures;

    public long RowsWritten { get; } = rowsWritten;
}
