using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Polo.Data;

namespace Polo.Collection.Tests.Cost;

/// <summary>One CUR 2.0 line item for test files.</summary>
public sealed record CurTestLine(
    string Start, string Account, string Region, string Product, string UsageType, string Resource, string Cost,
    string Usage, string Type = "Usage", Dictionary<string, string>? Tags = null);

/// <summary>Writes CUR 2.0 files the way the export lays them out (CSV, CSV.gz, Parquet with a MAP tag column).</summary>
public static class CurFiles
{
    private static readonly string[] Header =
    [
        "identity_line_item_id", "line_item_usage_start_date", "line_item_usage_end_date", "line_item_usage_account_id",
        "product_region_code", "line_item_product_code", "line_item_usage_type", "line_item_resource_id",
        "line_item_unblended_cost", "line_item_usage_amount", "line_item_line_item_type", "resource_tags",
    ];

    public static string Csv(IEnumerable<CurTestLine> lines, string[]? header = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", header ?? Header));
        var n = 0;
        foreach (var l in lines)
        {
            var tags = l.Tags is null ? "" : JsonSerializer.Serialize(l.Tags);
            var end = DateTime.TryParse(l.Start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var s)
                ? s.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
            string[] fields = [$"li-{++n}", l.Start, end, l.Account, l.Region, l.Product, l.UsageType, l.Resource, l.Cost, l.Usage, l.Type, tags];
            sb.AppendLine(string.Join(",", fields.Select(Quote)));
        }
        return sb.ToString();
    }

    public static void WriteCsv(string path, IEnumerable<CurTestLine> lines) => File.WriteAllText(path, Csv(lines));

    public static void WriteCsvGz(string path, IEnumerable<CurTestLine> lines)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(Csv(lines)));
    }

    /// <summary>Writes the lines as CUR 2.0 Parquet, produced by the engine itself: timestamps, doubles and a
    /// string→string MAP for resource_tags, as Data Exports delivers them.</summary>
    public static async Task WriteParquetAsync(IClickHouse ch, string path, IEnumerable<CurTestLine> lines)
    {
        var csv = path + ".src.csv";
        File.WriteAllText(csv, Csv(lines));
        try
        {
            var structure = string.Join(", ", Header.Select(h => $"{h} String"));
            await ch.ExecuteAsync($"""
                INSERT INTO FUNCTION file('{path}', 'Parquet')
                SELECT identity_line_item_id,
                       parseDateTime64BestEffort(line_item_usage_start_date, 3, 'UTC') AS line_item_usage_start_date,
                       parseDateTime64BestEffort(line_item_usage_end_date, 3, 'UTC') AS line_item_usage_end_date,
                       line_item_usage_account_id, product_region_code, line_item_product_code, line_item_usage_type,
                       line_item_resource_id, toFloat64(line_item_unblended_cost) AS line_item_unblended_cost,
                       toFloat64(line_item_usage_amount) AS line_item_usage_amount, line_item_line_item_type,
                       CAST(mapFromArrays(arrayMap(x -> x.1, JSONExtractKeysAndValues(resource_tags, 'String')),
                                          arrayMap(x -> x.2, JSONExtractKeysAndValues(resource_tags, 'String'))) AS Map(String, String)) AS resource_tags
                FROM file('{csv}', 'CSVWithNames', '{structure}')
                SETTINGS engine_file_truncate_on_insert = 1
                """);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
