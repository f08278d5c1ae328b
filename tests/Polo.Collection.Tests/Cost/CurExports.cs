using System.Text.Json;

namespace Polo.Collection.Tests.Cost;

/// <summary>One usage line for the export layouts below.</summary>
public sealed record CurLine(DateTime Hour, string Resource, decimal Cost, string Type = "Usage", string UsageType = "BoxUsage:m5.large",
    string Account = "111111111111", string? Customer = null);

/// <summary>
/// Lays out CUR deliveries the way AWS writes them into S3 (and `aws s3 sync` copies them):
/// Data Exports (CUR 2.0) <c>&lt;export&gt;/data/BILLING_PERIOD=YYYY-MM/…</c> with
/// <c>&lt;export&gt;/metadata/BILLING_PERIOD=YYYY-MM/&lt;export&gt;-Manifest.json</c>, and legacy CUR
/// <c>&lt;report&gt;/yyyymmdd-yyyymmdd/&lt;assembly&gt;/&lt;report&gt;-N.csv.gz</c> with
/// <c>&lt;report&gt;/yyyymmdd-yyyymmdd/&lt;report&gt;-Manifest.json</c>.
/// </summary>
public static class CurExports
{
    public static readonly string[] Cur2Columns =
    [
        "identity_line_item_id", "bill_billing_period_start_date", "line_item_usage_account_id", "line_item_line_item_type",
        "line_item_usage_start_date", "line_item_product_code", "line_item_usage_type", "line_item_resource_id",
        "line_item_usage_amount", "line_item_unblended_cost", "product_region_code", "resource_tags",
    ];

    public static readonly string[] LegacyCsvColumns =
    [
        "identity/LineItemId", "identity/TimeInterval", "bill/BillingPeriodStartDate", "lineItem/UsageAccountId",
        "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/ProductCode", "lineItem/UsageType", "lineItem/ResourceId",
        "lineItem/UsageAmount", "lineItem/UnblendedCost", "lineItem/CurrencyCode", "pricing/unit", "product/region",
        "resourceTags/user:polo:customer", "resourceTags/user:Name",
    ];

    public static readonly string[] LegacyParquetColumns =
    [
        "identity_line_item_id", "bill_billing_period_start_date", "line_item_usage_account_id", "line_item_line_item_type",
        "line_item_usage_start_date", "line_item_product_code", "line_item_usage_type", "line_item_resource_id",
        "line_item_usage_amount", "line_item_unblended_cost", "product_region", "resource_tags_user_polo_customer",
        "resource_tags_user_name",
    ];

    private static int _id;

    private static string Period(DateTime hour) => CurTable.Iso(new DateTime(hour.Year, hour.Month, 1, 0, 0, 0, DateTimeKind.Utc));

    public static CurTable Cur2(IEnumerable<CurLine> lines)
    {
        var t = new CurTable(Cur2Columns);
        foreach (var l in lines)
            t.Row(("identity_line_item_id", $"li-{Interlocked.Increment(ref _id)}"), ("bill_billing_period_start_date", Period(l.Hour)),
                ("line_item_usage_account_id", l.Account), ("line_item_line_item_type", l.Type),
                ("line_item_usage_start_date", CurTable.Iso(l.Hour)), ("line_item_product_code", "AmazonEC2"),
                ("line_item_usage_type", l.UsageType), ("line_item_resource_id", l.Resource), ("line_item_usage_amount", "1"),
                ("line_item_unblended_cost", l.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("product_region_code", "us-east-1"),
                ("resource_tags", l.Customer is null ? "" : CurTable.Json(new() { ["user_polo_customer"] = l.Customer })));
        return t;
    }

    public static CurTable LegacyCsv(IEnumerable<CurLine> lines)
    {
        var t = new CurTable(LegacyCsvColumns);
        foreach (var l in lines)
            t.Row(("identity/LineItemId", $"li-{Interlocked.Increment(ref _id)}"),
                ("identity/TimeInterval", $"{CurTable.Iso(l.Hour)}/{CurTable.Iso(l.Hour.AddHours(1))}"),
                ("bill/BillingPeriodStartDate", Period(l.Hour)), ("lineItem/UsageAccountId", l.Account),
                ("lineItem/LineItemType", l.Type), ("lineItem/UsageStartDate", CurTable.Iso(l.Hour)),
                ("lineItem/ProductCode", "AmazonEC2"), ("lineItem/UsageType", l.UsageType), ("lineItem/ResourceId", l.Resource),
                ("lineItem/UsageAmount", "1"), ("lineItem/UnblendedCost", l.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("lineItem/CurrencyCode", "USD"), ("pricing/unit", "Hrs"), ("product/region", "us-east-1"),
                ("resourceTags/user:polo:customer", l.Customer ?? ""), ("resourceTags/user:Name", "node"));
        return t;
    }

    public static CurTable LegacyParquet(IEnumerable<CurLine> lines)
    {
        var t = new CurTable(LegacyParquetColumns);
        foreach (var l in lines)
            t.Row(("identity_line_item_id", $"li-{Interlocked.Increment(ref _id)}"), ("bill_billing_period_start_date", Period(l.Hour)),
                ("line_item_usage_account_id", l.Account), ("line_item_line_item_type", l.Type),
                ("line_item_usage_start_date", CurTable.Iso(l.Hour)), ("line_item_product_code", "AmazonEC2"),
                ("line_item_usage_type", l.UsageType), ("line_item_resource_id", l.Resource), ("line_item_usage_amount", "1"),
                ("line_item_unblended_cost", l.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("product_region", "us-east-1"), ("resource_tags_user_polo_customer", l.Customer ?? ""), ("resource_tags_user_name", "node"));
        return t;
    }

    /// <summary>Data Exports delivery of one period: the data file(s) and the manifest listing them.</summary>
    public static async Task<List<string>> DeliverCur2Async(Polo.Data.IClickHouse ch, string folder, string export, DateTime period,
        IReadOnlyList<IReadOnlyList<CurLine>> parts, string execution)
    {
        var partition = $"BILLING_PERIOD={period:yyyy-MM}";
        var keys = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            var name = $"{export}-{execution}-{i + 1:D5}.snappy.parquet";
            await Cur2(parts[i]).WriteParquetAsync(ch, Path.Combine(folder, export, "data", partition, name));
            keys.Add($"s3://billing-bucket/cur2/{export}/data/{partition}/{name}");
        }
        var manifest = Path.Combine(folder, export, "metadata", partition, $"{export}-Manifest.json");
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        File.WriteAllText(manifest, JsonSerializer.Serialize(new
        {
            executionId = execution,
            exportArn = $"arn:aws:bcm-data-exports:us-east-1:999999999999:export/{export}",
            columns = Cur2Columns.Select(c => new { name = c, type = "string" }),
            dataFiles = keys,
        }));
        return keys;
    }

    /// <summary>Legacy CUR delivery of one period into a new assembly folder, with the period's current manifest.</summary>
    public static void DeliverLegacy(string folder, string report, DateTime period, IReadOnlyList<CurLine> lines, string assembly)
    {
        var range = $"{period:yyyyMMdd}-{period.AddMonths(1):yyyyMMdd}";
        var key = $"legacy/{report}/{range}/{assembly}/{report}-1.csv.gz";
        LegacyCsv(lines).WriteCsvGz(Path.Combine(folder, report, range, assembly, $"{report}-1.csv.gz"));
        File.WriteAllText(Path.Combine(folder, report, range, $"{report}-Manifest.json"), JsonSerializer.Serialize(new
        {
            assemblyId = assembly, reportName = report, bucket = "billing-bucket", compression = "GZIP",
            billingPeriod = new { start = $"{period:yyyyMMdd}T000000.000Z", end = $"{period.AddMonths(1):yyyyMMdd}T000000.000Z" },
            reportKeys = new[] { key },
        }));
    }
}
