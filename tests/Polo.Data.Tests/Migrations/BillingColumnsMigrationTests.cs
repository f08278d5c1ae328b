
namespace Polo.Data.Tests.Migrations;

/// <summary>
/// Migration 020: the ledger keeps the bill's mechanics, derives amortized and net amortized cost per line item type,
/// and the daily rollup (rebuilt by the migration) sums every measure exactly, for new and for existing data.
/// </summary>
public sealed class BillingColumnsMigrationTests
{
    private const string Columns = "hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount, source, " +
        "line_item_type, pricing_unit, commitment_arn, net_unblended_cost, reservation_effective_cost, reservation_net_effective_cost, " +
        "reservation_unused_amortized_upfront_fee, reservation_unused_recurring_fee, savings_plan_effective_cost, " +
        "savings_plan_net_effective_cost, savings_plan_total_commitment_to_date, savings_plan_used_commitment";

    // (line item type, unblended, raw columns) → (amortized, net amortized)
    private const string Lines = """
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','i-od','ec2_instance',0.096,1,'cur','Usage','Hrs','',0.09,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','i-sp','ec2_instance',0.096,1,'cur','SavingsPlanCoveredUsage','Hrs','arn:sp',0.096,NULL,NULL,NULL,NULL,0.06,0.055,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','i-sp','ec2_instance',-0.096,0,'cur','SavingsPlanNegation','Hrs','arn:sp',-0.096,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','ComputeSavingsPlans','ComputeSP:1yrNoUpfront','arn:sp','',0.10,1,'cur','SavingsPlanRecurringFee','','arn:sp',0.10,NULL,NULL,NULL,NULL,NULL,NULL,0.10,0.06),
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','HeavyUsage:m5.large','i-ri','ec2_instance',0,1,'cur','DiscountedUsage','Hrs','arn:ri',0,0.04,0.035,NULL,NULL,NULL,NULL,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','HeavyUsage:m5.large','arn:ri','',0.03,1,'cur','RIFee','Hrs','arn:ri',0.03,NULL,NULL,0.005,0.002,NULL,NULL,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','HeavyUsage:m5.large','arn:ri','',100,1,'cur','Fee','','arn:ri',100,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','AWSSupportBusiness','Dollar','','',29,0,'cur','Fee','','',29,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL),
        ('2025-03-01 00:00:00','111','us-east-1','AmazonEC2','BoxUsage:m5.large','','',-5,0,'cur','Credit','','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)
        """;

    private sealed record Measures(string LineItemType, decimal Cost, decimal Amortized, decimal NetAmortized);

    [Fact]
    public async Task Amortized_and_net_amortized_follow_the_line_item_type_in_the_ledger_and_the_rollup()
    {
        await using var ch = await TestDatabase.CreateAsync();
        await ch.ExecuteAsync($"INSERT INTO cost_hourly ({Columns}) VALUES {Lines}");

        var expected = new Dictionary<string, (decimal Cost, decimal Amortized, decimal Net)>
        {
            ["Usage"] = (0.096m, 0.096m, 0.09m),
            ["SavingsPlanCoveredUsage"] = (0.096m, 0.06m, 0.055m),
            ["SavingsPlanNegation"] = (-0.096m, 0m, 0m),
            ["SavingsPlanRecurringFee"] = (0.10m, 0.04m, 0.04m),
            ["DiscountedUsage"] = (0m, 0.04m, 0.035m),
            ["RIFee"] = (0.03m, 0.007m, 0.007m),
            ["Fee"] = (129m, 29m, 29m),
            ["Credit"] = (-5m, -5m, -5m),
        };
        foreach (var table in new[] { "cost_hourly", "cost_rollup_daily" })
        {
            var got = (await ch.QueryAsync<Measures>($"""
                SELECT toString(line_item_type) AS line_item_type, sum(cost) AS cost, sum(amortized_cost) AS amortized,
                       sum(net_amortized_cost) AS net_amortized
                FROM {table} GROUP BY line_item_type
                """)).ToDictionary(m => m.LineItemType);
            Assert.Equal(expected.Count, got.Count);
            foreach (var (type, e) in expected)
                Assert.Equal((type, e.Cost, e.Amortized, e.Net), (type, got[type].Cost, got[type].Amortized, got[type].NetAmortized));
        }
        var nulls = await ch.ScalarAsync<long>("SELECT countIf(net_unblended_cost IS NULL) FROM cost_hourly");
        Assert.Equal(1, nulls);
    }

    [Fact]
    public async Task A_database_built_before_020_keeps_its_daily_totals_and_amortized_equals_unblended()
    {
        using var schema = EarlierSchema.Before("020");
        await using var ch = await TestDatabase.CreateAsync(migrate: false);
        await schema.ApplyAsync(ch);
        await ch.ExecuteAsync("""
            INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount, source)
            SELECT toDateTime('2025-01-01 00:00:00', 'UTC') + number * 3600, '111', 'us-east-1', 'AmazonEC2',
                   'BoxUsage:m5.large', concat('i-', toString(number % 7)), 'ec2_instance', toDecimal64(number % 5, 6) / 10, 1, 'demo'
            FROM numbers(24 * 40)
            """);
        var before = await DailyAsync(ch, "cost");

        await schema.UpgradeAsync(ch);

        Assert.Equal(before, await DailyAsync(ch, "cost"));
        Assert.Equal(before, await DailyAsync(ch, "amortized_cost"));
        Assert.Equal(before, await DailyAsync(ch, "net_amortized_cost"));
        Assert.Equal(0, await ch.ScalarAsync<long>(
            "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'cost_rollup_daily_015'"));

        // New lines still reach the rebuilt rollup through its view.
        await ch.ExecuteAsync("""
            INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount, source)
            VALUES ('2025-01-01 05:00:00', '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large', 'i-0', 'ec2_instance', 1.25, 1, 'demo')
            """);
        var after = await DailyAsync(ch, "cost");
        Assert.Equal(before[new DateOnly(2025, 1, 1)] + 1.25m, after[new DateOnly(2025, 1, 1)]);
    }

    private sealed record DayTotal(DateOnly Day, decimal Total);

    private static async Task<Dictionary<DateOnly, decimal>> DailyAsync(IClickHouse ch, string measure) =>
        (await ch.QueryAsync<DayTotal>($"SELECT day, sum({measure}) AS total FROM cost_rollup_daily GROUP BY day ORDER BY day"))
        .ToDictionary(d => d.Day, d => d.Total);
}
