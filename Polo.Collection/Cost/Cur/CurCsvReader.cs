using System.IO.Compression;
using CsvHelper;

namespace Polo.Collection.Cost.Cur;

/// <summary>Streams a CUR 2.0 CSV or CSV.gz file record by record; rows are numbered from 1 after the header.</summary>
internal static class CurCsvReader
{
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,
    };

    public static IEnumerable<CurRecord> Read(string path, string displayName)
    {
        var parser = new CurValueParser(displayName);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var csv = CsvReader.Create(stream, Options, false);

        IReadOnlyList<string> header;
        try { header = csv.Headers.ToList(); }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            throw new CurFormatException(displayName, null, $"unreadable header ({e.Message})");
        }
        if (header.Count == 0) throw new CurFormatException(displayName, null, "the file is empty (no header line)");
        var missing = CurColumns.Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new CurFormatException(displayName, null, $"missing required column(s): {string.Join(", ", missing)}");
        int Index(string column) => header.ToList().IndexOf(column);
        int start = Index(CurColumns.UsageStart), account = Index(CurColumns.Account), region = Index(CurColumns.Region),
            product = Index(CurColumns.ProductCode), usageType = Index(CurColumns.UsageType),
            resource = Index(CurColumns.ResourceId), cost = Index(CurColumns.UnblendedCost),
            amount = Index(CurColumns.UsageAmount), type = Index(CurColumns.LineItemType), tags = Index(CurColumns.ResourceTags);

        long row = 0;
        while (true)
        {
            bool more;
            try { more = csv.Read(); }
            catch (Exception e) when (e is CsvFormatException or InvalidDataException)
            {
                throw parser.Error(row + 1, $"malformed CSV record ({e.Message})");
            }
            if (!more) break;
            row++;
            string? Get(int index) => index < 0 ? null : csv.GetString(index);
            yield return new CurRecord(
                row,
                parser.Date(row, CurColumns.UsageStart, Get(start)),
                parser.Required(row, CurColumns.Account, Get(account)),
                Get(region)?.Trim() ?? "",
                parser.Required(row, CurColumns.ProductCode, Get(product)),
                Get(usageType)?.Trim() ?? "",
                Get(resource)?.Trim() ?? "",
                parser.Decimal(row, CurColumns.UnblendedCost, Get(cost)),
                parser.Double(row, CurColumns.UsageAmount, Get(amount)),
                Get(type)?.Trim() ?? "",
                parser.Tags(row, Get(tags)));
        }
    }
}
