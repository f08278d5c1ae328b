namespace Polo.Collection.Cost.Cur;

/// <summary>Reads any supported CUR 2.0 file: .csv, .csv.gz or .parquet.</summary>
public static class CurFileReader
{
    public static bool IsSupported(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static async IAsyncEnumerable<CurRecord> ReadAsync(string path, string displayName,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            await foreach (var r in CurParquetReader.ReadAsync(path, displayName, ct)) yield return r;
            yield break;
        }
        foreach (var r in CurCsvReader.Read(path, displayName))
        {
            ct.ThrowIfCancellationRequested();
            yield return r;
        }
    }
}
