using Polo.Data;

namespace Polo.Collection.Cost.Cur;

/// <summary>Record of CUR files already applied (cost_ingest_files), by name and content hash.</summary>
public sealed class ProcessedCurFiles(IClickHouse ch)
{
    private const string Source = "cur";

    private sealed record FileRow(string Source, string FileName, string Sha256, ulong LineCount, ulong RowsWritten, DateTime ProcessedAt);

    public async Task<bool> ContainsAsync(string fileName, string sha256, CancellationToken ct) =>
        await ch.ScalarAsync<long>("""
            SELECT count() FROM cost_ingest_files
            WHERE source = {source:String} AND file_name = {name:String} AND sha256 = {sha:String}
            """, new QueryParams { ["source"] = Source, ["name"] = fileName, ["sha"] = sha256 }, ct) > 0;

    public Task AddAsync(string fileName, string sha256, long lines, long rowsWritten, CancellationToken ct) =>
        ch.InsertAsync("cost_ingest_files",
            [new FileRow(Source, fileName, sha256, (ulong)lines, (ulong)rowsWritten, DateTime.UtcNow)], ct: ct);
}
