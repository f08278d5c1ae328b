using System.Security.Cryptography;
using Polo.Collection.Cost.Ledger;

namespace Polo.Collection.Cost.Cur;

/// <summary>What applying one CUR file did.</summary>
public sealed record CurFileResult(string File, long Lines, long RowsWritten, bool Skipped);

/// <summary>
/// Applies one CUR file to the ledger: streams it into staging in batches while validating every line, and only when
/// the whole file has been read without error computes and appends the difference to cost_hourly. A malformed file
/// throws <see cref="CurFormatException"/> and leaves the ledger untouched.
/// </summary>
public sealed class CurFileIngester(CostLedger ledger, ProcessedCurFiles processed, CurOptions options)
{
    public const string Source = "cur";

    public async Task<CurFileResult> IngestAsync(string path, string displayName, CancellationToken ct)
    {
        var sha = await HashAsync(path, ct);
        if (options.SkipProcessedFiles && await processed.ContainsAsync(displayName, sha, ct))
            return new CurFileResult(displayName, 0, 0, Skipped: true);

        var mapper = new CurLineMapper(options.TagKeys);
        var batchId = CostLedger.NewBatchId(Source);
        var batchSize = Math.Max(1, options.BatchSize);
        var pending = new List<CostLine>(Math.Min(batchSize, 10_000));
        long lines = 0;
        try
        {
            await foreach (var record in CurFileReader.ReadAsync(path, displayName, ct))
            {
                pending.Add(mapper.Map(record));
                lines++;
                if (pending.Count < batchSize) continue;
                await ledger.StageAsync(batchId, pending, ct);
                pending.Clear();
            }
            await ledger.StageAsync(batchId, pending, ct);
        }
        catch
        {
            await ledger.DiscardAsync(batchId, CancellationToken.None);
            throw;
        }

        var written = await ledger.ApplyDifferenceAsync(batchId, Source, yieldToSource: null, ct);
        await processed.AddAsync(displayName, sha, lines, written, ct);
        return new CurFileResult(displayName, lines, written, Skipped: false);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
