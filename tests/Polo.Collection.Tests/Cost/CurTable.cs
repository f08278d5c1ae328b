using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Polo.Data;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// A CUR file in any of AWS's shapes, written the way AWS delivers it: CSV (plain, gzip, zip) with the shape's own
/// header names, or Parquet produced by the engine itself with CUR's types (timestamps for <c>*_date</c> columns,
/// doubles for measures, string→string MAPs for <c>resource_tags</c> / <c>product</c>, strings otherwise).
/// </summary>
public sealed class CurTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Columns => columns;

    public CurTable Row(params (string Column, string Value)[] values)
    {
        var row = new string[columns.Length];
        Array.Fill(row, "");
        foreach (var (c, v) in values)
        {
            var i = Array.IndexOf(columns, c);
            if (i < 0) throw new ArgumentException($"column {c} is not in this table");
            row[i] = v;
        }
        _rows.Add(row);
        return this;
    }

    public static string Json(Dictionary<string, string> map) => JsonSerializer.Serialize(map);

    public string Csv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", columns.Select(Quote))).Append('\n');
        foreach (var r in _rows) sb.Append(string.Join(",", r.Select(Quote))).Append('\n');
        return sb.ToString();
    }

    public void WriteCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Csv());
    }

    public void WriteCsvGz(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(Csv()));
    }

    public void WriteCsvZip(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var entry = new StreamWriter(zip.CreateEntry(Path.GetFileNameWithoutExtension(path)).Open());
        entry.Write(Csv());
    }

    /// <summary>Writes Parquet with the engine: the CSV is read as strings and cast to CUR's Parquet types.</summary>
    public async Task WriteParquetAsync(IClickHouse ch, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var csv = path + ".src.csv";
        File.WriteAllText(csv, Csv());
        try
        {
            var structure = string.Join(", ", columns.Select(c => $"`{c}` String"));
            var select = string.Join(",\n", columns.Select(c => $"{ParquetCast(c)} AS `{c}`"));
            await ch.ExecuteAsync($"""
                INSERT INTO FUNCTION file('{path}', 'Parquet')
                SELECT {select}
                FROM file('{csv}', 'CSVWithNames', '{structure}')
                SETTINGS engine_file_truncate_on_insert = 1
                """);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static readonly string[] Strings = ["_a_r_n", "_id", "_type", "_code", "_unit", "_name", "_description", "_operation", "_entity", "_term", "_currency"];

    private static string ParquetCast(string c)
    {
        var col = $"`{c}`";
        if (c is "resource_tags" or "product" or "cost_category" or "discount")
            return $"CAST(mapFromArrays(arrayMap(x -> x.1, JSONExtractKeysAndValues({col}, 'String')), arrayMap(x -> x.2, JSONExtractKeysAndValues({col}, 'String'))) AS Map(String, String))";
        if (c.EndsWith("_date", StringComparison.Ordinal) && !c.EndsWith("_to_date", StringComparison.Ordinal))
            return $"parseDateTime64BestEffortOrNull(nullIf({col}, ''), 3, 'UTC')";
        if (c.StartsWith("resource_tags_", StringComparison.Ordinal) || Strings.Any(s => c.EndsWith(s, StringComparison.Ordinal))
            || c.StartsWith("identity_", StringComparison.Ordinal) || c.StartsWith("bill_", StringComparison.Ordinal))
            return col;
        return $"toFloat64OrNull(nullIf({col}, ''))";
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    public static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
