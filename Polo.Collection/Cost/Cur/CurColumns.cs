namespace Polo.Collection.Cost.Cur;

/// <summary>CUR 2.0 column names the collector reads.</summary>
public static class CurColumns
{
    public const string UsageStart = "line_item_usage_start_date";
    public const string Account = "line_item_usage_account_id";
    public const string Region = "product_region_code";
    public const string ProductCode = "line_item_product_code";
    public const string UsageType = "line_item_usage_type";
    public const string ResourceId = "line_item_resource_id";
    public const string UnblendedCost = "line_item_unblended_cost";
    public const string UsageAmount = "line_item_usage_amount";
    public const string LineItemType = "line_item_line_item_type";
    public const string ResourceTags = "resource_tags";

    /// <summary>A file without any of these is refused; region, line item type and tags are optional.</summary>
    public static readonly string[] Required = [UsageStart, Account, ProductCode, UsageType, ResourceId, UnblendedCost, UsageAmount];
}
