namespace Polo.Collection.Tests.Cost;

/// <summary>
/// One hour of a CUR 2.0 bill in AWS's column names (Data Exports, CUR 2.0 table): on-demand usage, Savings Plan
/// covered usage with its negation and recurring fee, RI discounted usage and RI fee, an EBS volume, tax, a credit
/// and an EKS split-cost pod line. Totals are worked out by hand below.
/// </summary>
public static class Cur2Bill
{
    public const string SpArn = "arn:aws:savingsplans::111111111111:savingsplan/sp-0001";
    public const string RiArn = "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-0001";
    public const string PodArn = "arn:aws:eks:us-east-1:111111111111:pod/prod-1/search/pod-1";

    public static readonly string[] Columns =
    [
        "identity_line_item_id", "identity_time_interval", "bill_billing_period_start_date", "bill_billing_period_end_date",
        "bill_payer_account_id", "line_item_usage_account_id", "line_item_usage_account_name", "line_item_line_item_type",
        "line_item_usage_start_date", "line_item_usage_end_date", "line_item_product_code", "line_item_usage_type",
        "line_item_operation", "line_item_resource_id", "line_item_usage_amount", "line_item_currency_code",
        "line_item_unblended_cost", "line_item_net_unblended_cost", "pricing_unit", "pricing_public_on_demand_cost",
        "product_region_code", "product", "reservation_reservation_a_r_n", "reservation_effective_cost",
        "reservation_net_effective_cost", "reservation_unused_amortized_upfront_fee_for_billing_period",
        "reservation_net_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_recurring_fee",
        "reservation_net_unused_recurring_fee", "savings_plan_savings_plan_a_r_n", "savings_plan_savings_plan_effective_cost",
        "savings_plan_net_savings_plan_effective_cost", "savings_plan_total_commitment_to_date", "savings_plan_used_commitment",
        "resource_tags", "split_line_item_parent_resource_id", "split_line_item_split_cost",
    ];

    public const decimal Unblended = 0.096m + 0.192m - 0.192m + 0.15m + 0m + 0.05m + 0.054794m + 1.5m - 0.5m + 0m;
    public const decimal Amortized = 0.096m + 0.12m + 0m + 0.03m + 0.06m + 0.03m + 0.054794m + 1.5m - 0.5m + 0m;
    public const decimal NetAmortized = 0.0912m + 0.114m + 0m + 0.03m + 0.057m + 0.03m + 0.054794m + 1.5m - 0.5m + 0m;

    public static CurTable Table(DateTime hour, string customerTagKey = "user_polo_customer")
    {
        var start = CurTable.Iso(hour);
        var end = CurTable.Iso(hour.AddHours(1));
        var periodStart = CurTable.Iso(new DateTime(hour.Year, hour.Month, 1, 0, 0, 0, DateTimeKind.Utc));
        var periodEnd = CurTable.Iso(new DateTime(hour.Year, hour.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1));
        var acme = CurTable.Json(new() { [customerTagKey] = "acme", ["user_Name"] = "node-1" });
        var product = CurTable.Json(new() { ["region"] = "us-east-1", ["instance_type"] = "m5.large" });
        var n = 0;
        (string, string)[] Common(string type, string usageType, string resource, string amount, string cost, string unit = "Hrs") =>
        [
            ("identity_line_item_id", $"li-{++n:D4}"), ("identity_time_interval", $"{start}/{end}"),
            ("bill_billing_period_start_date", periodStart), ("bill_billing_period_end_date", periodEnd),
            ("bill_payer_account_id", "999999999999"), ("line_item_usage_account_id", "111111111111"),
            ("line_item_usage_account_name", "prod-account"), ("line_item_line_item_type", type),
            ("line_item_usage_start_date", start), ("line_item_usage_end_date", end), ("line_item_product_code", "AmazonEC2"),
            ("line_item_usage_type", usageType), ("line_item_operation", "RunInstances"), ("line_item_resource_id", resource),
            ("line_item_usage_amount", amount), ("line_item_currency_code", "USD"), ("line_item_unblended_cost", cost),
            ("pricing_unit", unit), ("product_region_code", "us-east-1"), ("product", product),
        ];

        return new CurTable(Columns)
            .Row([.. Common("Usage", "BoxUsage:m5.large", "i-0aaa", "1", "0.096"),
                  ("line_item_net_unblended_cost", "0.0912"), ("pricing_public_on_demand_cost", "0.096"), ("resource_tags", acme)])
            .Row([.. Common("SavingsPlanCoveredUsage", "BoxUsage:m5.xlarge", "i-0bbb", "1", "0.192"),
                  ("pricing_public_on_demand_cost", "0.192"), ("savings_plan_savings_plan_a_r_n", SpArn),
                  ("savings_plan_savings_plan_effective_cost", "0.12"), ("savings_plan_net_savings_plan_effective_cost", "0.114")])
            .Row([.. Common("SavingsPlanNegation", "BoxUsage:m5.xlarge", "i-0bbb", "0", "-0.192"),
                  ("savings_plan_savings_plan_a_r_n", SpArn)])
            .Row([.. Common("SavingsPlanRecurringFee", "ComputeSP:1yrNoUpfront", "", "1", "0.15"),
                  ("savings_plan_savings_plan_a_r_n", SpArn), ("savings_plan_total_commitment_to_date", "0.15"),
                  ("savings_plan_used_commitment", "0.12")])
            .Row([.. Common("DiscountedUsage", "BoxUsage:c5.large", "i-0ccc", "1", "0"),
                  ("reservation_reservation_a_r_n", RiArn), ("reservation_effective_cost", "0.06"),
                  ("reservation_net_effective_cost", "0.057"), ("pricing_public_on_demand_cost", "0.085")])
            .Row([.. Common("RIFee", "HeavyUsage:c5.large", "", "1", "0.05"),
                  ("reservation_reservation_a_r_n", RiArn), ("reservation_unused_recurring_fee", "0.01"),
                  ("reservation_unused_amortized_upfront_fee_for_billing_period", "0.02")])
            .Row([.. Common("Usage", "EBS:VolumeUsage.gp3", "arn:aws:ec2:us-east-1:111111111111:volume/vol-0ddd", "0.684931", "0.054794", "GB-Mo"),
                  ("resource_tags", acme)])
            .Row([.. Common("Tax", "", "", "0", "1.5", "")])
            .Row([.. Common("Credit", "", "", "0", "-0.5", "")])
            .Row([.. Common("Usage", "USE1-EKSPod-EC2:vCPU-Hours", PodArn, "0.5", "0", "vCPU-Hours"),
                  ("split_line_item_parent_resource_id", "i-0aaa"), ("split_line_item_split_cost", "0.05"), ("resource_tags", acme)]);
    }
}
