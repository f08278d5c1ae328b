using System.Collections;
using System.Globalization;
using Parquet;
using Parquet.Serialization;

namespace Polo.Collection.Cost.Cur;

/// <summary>Streams a CUR 2.0 Parquet file one row group at a time; resource_tags is a MAP column.</summary>
internal static class CurParquetReader
{
    public static async IAsyncEnumerable<CurRecord> ReadAsync(string path, string displayName,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var parser = new CurValueParser(displayName);
        await using var file = File.OpenRead(path);
        int groups;
        HashSet<string> columns;
        try
        {
            await using var reader = await ParquetReader.CreateAsync(file, leaveStreamOpen: true, cancellationToken: ct);
            groups = reader.RowGroupCount;
            columns = reader.Schema.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CurFormatException(displayName, null, $"not a readable Parquet file ({e.Message})");
        }
        var missing = CurColumns.Required.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new CurFormatException(displayName, null, $"missing required column(s): {string.Join(", ", missing)}");

        long row = 0;
        for (var g = 0; g < groups; g++)
        {
            file.Position = 0;
            IList<Dictionary<string, object>> data;
            try
            {
                data = (await ParquetSerializer.DeserializeUntypedAsync(file, null, g, ct)).Data;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new CurFormatException(displayName, row + 1, $"row group {g} is unreadable ({e.Message})");
            }
            foreach (var values in data)
            {
                row++;
                string? Text(string column) => values.TryGetValue(column, out var v) ? AsText(v) : null;
                yield return new CurRecord(
                    row,
                    values.GetValueOrDefault(CurColumns.UsageStart) switch
                    {
                        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
                        DateTimeOffset o => o.UtcDateTime,
                        var other => parser.Date(row, CurColumns.UsageStart, AsText(other)),
                    },
                    parser.Required(row, CurColumns.Account, Text(CurColumns.Account)),
                    Text(CurColumns.Region)?.Trim() ?? "",
                    parser.Required(row, CurColumns.ProductCode, Text(CurColumns.ProductCode)),
                    Text(CurColumns.UsageType)?.Trim() ?? "",
                    Text(CurColumns.ResourceId)?.Trim() ?? "",
                    values.GetValueOrDefault(CurColumns.UnblendedCost) switch
                    {
                        decimal m => m,
                        double d when double.IsFinite(d) => (decimal)d,
                        float f when float.IsFinite(f) => (decimal)f,
                        var other => parser.Decimal(row, CurColumns.UnblendedCost, AsText(other)),
                    },
                    values.GetValueOrDefault(CurColumns.UsageAmount) switch
                    {
                        double d when double.IsFinite(d) => d,
                        decimal m => (double)m,
                        float f when float.IsFinite(f) => f,
                        var other => parser.Double(row, CurColumns.UsageAmount, AsText(other)),
                    },
                    Text(CurColumns.LineItemType)?.Trim() ?? "",
                    Tags(values.GetValueOrDefault(CurColumns.ResourceTags), parser, row));
            }
        }
    }

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        ReadOnlyMemory<char> m => m.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A MAP column arrives as an enumerable of KeyValuePair; a string column holds JSON like the CSV export.</summary>
    private static IReadOnlyDictionary<string, string> Tags(object? value, CurValueParser parser, long row)
    {
        switch (value)
        {
            case null:
                return new Dictionary<string, string>();
            case string or ReadOnlyMemory<char>:
                return parser.Tags(row, AsText(value));
            case IEnumerable items:
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    if (item is null) continue;
                    var type = item.GetType();
                    var key = AsText(type.GetProperty("Key")?.GetValue(item));
                    if (key is null) throw parser.Error(row, $"{CurColumns.ResourceTags} holds an entry without a key");
                    tags[key] = AsText(type.GetProperty("Value")?.GetValue(item)) ?? "";
                }
                return tags;
            default:
                throw parser.Error(row, $"{CurColumns.ResourceTags} is not a map");
        }
    }
}
