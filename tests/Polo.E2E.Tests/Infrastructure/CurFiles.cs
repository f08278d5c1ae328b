using System.Globalization;

namespace Polo.E2E.Tests.Infrastructure;

/// <summary>Minimal CUR 2.0 CSV files for the app's <c>cur</c> collector: one usage line item per call.</summary>
public static class CurFiles
{
    private const string Header =
        "identity_line_item_id,line_item_usage_start_date,line_item_usage_end_date,line_item_usage_account_id," +
        "product_region_code,line_item_product_code,line_item_usage_type,line_item_resource_id," +
        "line_item_unblended_cost,line_item_usage_amount,line_item_line_item_type,resource_tags";

    /// <summary>A one-line CUR CSV: <paramref name="cost"/> billed for one hour from <paramref name="hour"/>.</summary>
    public static string OneLine(string lineId, DateTime hour, string accountId, string usageType, string resourceId, decimal cost)
    {
        static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return string.Join("\n", Header,
            $"{lineId},{Time(hour)},{Time(hour.AddHours(1))},{accountId},us-east-1,AmazonEC2,{usageType}," +
            $"{resourceId},{cost.ToString(CultureInfo.InvariantCulture)},1,Usage,") + "\n";
    }
}
