using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Parquet.Serialization;

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

    public static async Task WriteParquetAsync(string path, IEnumerable<CurTestLine> lines)
    {
        var rows = lines.Select(l => new ParquetCurRow
        {
            line_item_usage_start_date = DateTime.Parse(l.Start, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            line_item_usage_account_id = l.Account,
            product_region_code = l.Region,
            line_item_product_code = l.Product,
            line_item_usage_type = l.UsageType,
            line_item_resource_id = l.Resource,
            line_item_unblended_cost = double.Parse(l.Cost, CultureInfo.InvariantCulture),
            line_item_usage_amount = double.Parse(l.Usage, CultureInfo.InvariantCulture),
            line_item_line_item_type = l.Type,
            resource_tags = l.Tags ?? new(),
        }).ToList();
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeAsync(rows, file);
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    // CUR 2.0 Parquet column names and types (timestamps, doubles, a string→string MAP for tags).
#pragma warning disable IDE1006
    public sealed class ParquetCurRow
    {
        public DateTime line_item_usage_start_date { get; set; }
        public string line_item_usage_account_id { get; set; } = "";
        public string product_region_code { get; set; } = "";
        public string line_item_product_code { get; set; } = "";
        public string line_item_usage_type { get; set; } = "";
        public string line_item_resource_id { get; set; } = "";
        public double line_item_unblended_cost { get; set; }
        public double line_item_usage_amount { get; set; }
        public string line_item_line_item_type { get; set; } = "";
        public Dictionary<string, string> resource_tags { get; set; } = new();
    }
#pragma warning restore IDE1006
}
