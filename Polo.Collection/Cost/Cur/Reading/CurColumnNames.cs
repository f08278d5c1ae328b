using System.Text;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>
/// Maps the column names of every CUR shape onto one canonical (Athena snake_case) name: legacy CSV headers
/// (<c>lineItem/UnblendedCost</c> → <c>line_item_unblended_cost</c>, <c>reservation/ReservationARN</c> →
/// <c>reservation_reservation_a_r_n</c>), legacy Parquet / Athena names and CUR 2.0 names (already canonical).
/// Tag columns are recognised separately: <c>resourceTags/user:Key</c> (legacy CSV) and
/// <c>resource_tags_user_key</c> (legacy Parquet); CUR 2.0 keeps its tags in the <c>resource_tags</c> map.
/// </summary>
public static class CurColumnNames
{
    public const string UsageStart = "line_item_usage_start_date";
    public const string Account = "line_item_usage_account_id";
    public const string AccountName = "line_item_usage_account_name";
    public const string RegionCode = "product_region_code";
    public const string Region = "product_region";
    public const string ProductCode = "line_item_product_code";
    public const string UsageType = "line_item_usage_type";
    public const string ResourceId = "line_item_resource_id";
    public const string UnblendedCost = "line_item_unblended_cost";
    public const string UsageAmount = "line_item_usage_amount";
    public const string LineItemType = "line_item_line_item_type";
    public const string PricingUnit = "pricing_unit";
    public const string Currency = "line_item_currency_code";
    public const string SavingsPlanArn = "savings_plan_savings_plan_a_r_n";
    public const string ReservationArn = "reservation_reservation_a_r_n";
    public const string BillingPeriodStart = "bill_billing_period_start_date";
    public const string ResourceTags = "resource_tags";

    /// <summary>A file without any of these is refused; every other column is optional.</summary>
    public static readonly string[] Required = [UsageStart, Account, ProductCode, UsageType, UnblendedCost, UsageAmount];

    /// <summary>Optional measures: ledger column → canonical source column (NULL in the ledger when absent).</summary>
    public static readonly (string Ledger, string Source)[] Measures =
    [
        ("net_unblended_cost", "line_item_net_unblended_cost"),
        ("public_on_demand_cost", "pricing_public_on_demand_cost"),
        ("reservation_effective_cost", "reservation_effective_cost"),
        ("reservation_net_effective_cost", "reservation_net_effective_cost"),
        ("reservation_unused_amortized_upfront_fee", "reservation_unused_amortized_upfront_fee_for_billing_period"),
        ("reservation_net_unused_amortized_upfront_fee", "reservation_net_unused_amortized_upfront_fee_for_billing_period"),
        ("reservation_unused_recurring_fee", "reservation_unused_recurring_fee"),
        ("reservation_net_unused_recurring_fee", "reservation_net_unused_recurring_fee"),
        ("savings_plan_effective_cost", "savings_plan_savings_plan_effective_cost"),
        ("savings_plan_net_effective_cost", "savings_plan_net_savings_plan_effective_cost"),
        ("savings_plan_total_commitment_to_date", "savings_plan_total_commitment_to_date"),
        ("savings_plan_used_commitment", "savings_plan_used_commitment"),
        ("savings_plan_net_total_commitment_to_date", "savings_plan_net_total_commitment_to_date"),
        ("savings_plan_net_used_commitment", "savings_plan_net_used_commitment"),
    ];

    private const string LegacyTagPrefix = "resourceTags/";
    private const string AthenaTagPrefix = "resource_tags_";

    /// <summary>The canonical name of a column as it appears in a file.</summary>
    public static string Canonical(string raw)
    {
        var slash = raw.IndexOf('/');
        if (slash <= 0) return raw.Trim().ToLowerInvariant();
        return Snake(raw[..slash]) + "_" + Snake(raw[(slash + 1)..]);
    }

    /// <summary>The billed tag key a tag column carries (without the <c>user:</c> prefix), or null when the column
    /// is not a tag column.</summary>
    public static string? TagKey(string raw)
    {
        if (raw.StartsWith(LegacyTagPrefix, StringComparison.Ordinal))
            return StripUserPrefix(raw[LegacyTagPrefix.Length..]);
        if (raw.StartsWith(AthenaTagPrefix, StringComparison.Ordinal) && raw.Length > AthenaTagPrefix.Length)
            return StripUserPrefix(raw[AthenaTagPrefix.Length..]);
        return null;
    }

    /// <summary><c>user:Key</c> / <c>user_key</c> → the key itself; AWS-generated tags (<c>aws:createdBy</c>) keep theirs.</summary>
    public static string StripUserPrefix(string key) =>
        key.StartsWith("user:", StringComparison.Ordinal) || key.StartsWith("user_", StringComparison.Ordinal) ? key[5..] : key;

    /// <summary>camelCase → snake_case the way Athena names CUR columns: every capital starts a new word
    /// (ReservationARN → reservation_a_r_n).</summary>
    private static string Snake(string part)
    {
        var sb = new StringBuilder(part.Length + 8);
        foreach (var c in part.Trim())
        {
            if (char.IsUpper(c))
            {
                if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c is ' ' or '-' or ':' ? '_' : c);
        }
        return sb.ToString();
    }
}
