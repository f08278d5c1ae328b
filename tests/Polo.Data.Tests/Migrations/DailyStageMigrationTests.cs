
namespace Polo.Data.Tests.Migrations;

/// <summary>
/// Migration 084: the hourly ledger's rows are grouped once per day and whole rollup identity (into the Null table
/// cost_daily_stage), and the daily rollup and the per-resource facts are filled from those groups instead of each
/// grouping every hourly row. A database built before 084 keeps what its rollup and facts hold, and afterwards every
/// hourly row reaches both exactly once: its rollup and facts then equal those of a database built with 084 from the
/// start and given the same rows, and both equal the ledger to the cent.
/// </summary>
public sealed class DailyStageMigrationTests
{
    /// <summary>The rollup's sums per identity and day, as sorted text.</summary>
    private const string RollupDigest = """
        SELECT day, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
               line_item_type, pricing_unit, currency, commitment_arn, billing_period, sum(cost), sum(amortized_cost),
               sum(net_amortized_cost), round(sum(usage_amount), 9), sum(net_unblended_cost), sum(public_on_demand_cost)
        FROM cost_rollup_daily
        GROUP BY ALL
        HAVING sum(cost) != 0 OR sum(amortized_cost) != 0 OR round(sum(usage_amount), 9) != 0
        ORDER BY ALL
        """;

    /// <summary>The facts' sums per resource × identity × day, with the day's first and last billed hour.</summary>
    private const string FactsDigest = """
        SELECT resource_id, identity_key, any(line_key), any(service), any(usage_type), any(customer), any(line_item_type),
               billing_period, day, toString(max(pricing_unit)), max(has_commitment), sum(cost), sum(amortized_cost),
               sum(net_amortized_cost), round(sum(usage_amount), 9), round(sum(running_hours), 9), min(first_billed_hour),
               max(last_billed_hour)
        FROM cost_resource_daily
        GROUP BY resource_id, identity_key, billing_period, day
        ORDER BY ALL
        """;

    /// <summary>
    /// Hourly rows in several inserts: one instance over two days, a second pricing unit and a Savings Plan ARN on the
    /// same resource and day (rollup rows of their own, one fact), a line billed to the previous period, a credit, and a
    /// restatement's negative difference of one hour.
    /// </summary>
    private static readonly string[] Batches =
    [
        """
        SELECT toDateTime('2026-10-30 00:00:00', 'UTC') + number * 3600, '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large',
               'i-084', 'ec2_instance', 0.096, 1, 'Hrs', 'Usage', '', toDate('2026-10-01'), 'cur'
        FROM numbers(48)
        """,
        """
        SELECT toDateTime('2026-10-30 06:00:00', 'UTC') + number * 3600, '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large',
               'i-084', 'ec2_instance', 0.05, 1, 'Hrs', 'SavingsPlanCoveredUsage', 'arn:aws:savingsplans::111:savingsplan/sp-1',
               toDate('2026-10-01'), 'cur'
        FROM numbers(5)
        UNION ALL
        SELECT toDateTime('2026-10-30 10:00:00', 'UTC'), '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large', 'i-084',
               'ec2_instance', 0.2, 3, 'GB-Mo', 'Usage', '', toDate('2026-10-01'), 'cur'
        UNION ALL
        SELECT toDateTime('2026-10-31 02:00:00', 'UTC'), '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large', 'i-084',
               'ec2_instance', 0.096, 1, 'Hrs', 'Usage', '', toDate('2026-09-01'), 'cur'
        """,
        """
        SELECT toDateTime('2026-10-31 00:00:00', 'UTC'), '111', 'us-east-1', 'AmazonEC2', '', '', '', -4.5, 0, '', 'Credit', '',
               toDate('2026-10-01'), 'cur'
        UNION ALL
        SELECT toDateTime('2026-10-30 03:00:00', 'UTC'), '111', 'us-east-1', 'AmazonEC2', 'BoxUsage:m5.large', 'i-084',
               'ec2_instance', -0.096, -1, 'Hrs', 'Usage', '', toDate('2026-10-01'), 'cur'
        """,
    ];

    private static Task InsertAsync(IClickHouse ch, string rows) => ch.ExecuteAsync($"""
        INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount,
                                 pricing_unit, line_item_type, commitment_arn, billing_period, source)
        {rows}
        """);

    [Fact]
    public async Task A_database_built_before_084_feeds_its_rollup_and_facts_each_row_once()
    {
        using var schema = EarlierSchema.Before("084");
        await using var old = await TestDatabase.CreateAsync("mig084old", migrate: false);
        await schema.ApplyAsync(old);
        await InsertAsync(old, Batches[0]);

        Assert.Contains("084_cost_daily_stage.sql", (await schema.UpgradeAsync(old)).Applied);
        Assert.Equal("Null", await old.ScalarAsync<string>(
            "SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = 'cost_daily_stage'"));
        foreach (var batch in Batches.Skip(1)) await InsertAsync(old, batch);

        await using var fresh = await TestDatabase.CreateAsync("mig084new");
        foreach (var batch in Batches) await InsertAsync(fresh, batch);

        var rollup = await fresh.QueryRawAsync(RollupDigest, "TSV");
        var facts = await fresh.QueryRawAsync(FactsDigest, "TSV");
        Assert.Equal(rollup, await old.QueryRawAsync(RollupDigest, "TSV"));
        Assert.Equal(facts, await old.QueryRawAsync(FactsDigest, "TSV"));
        // Separate rollup rows for the pricing unit, the ARN and the earlier period; the credit and the negative hour summed.
        Assert.Equal(6, rollup.Trim().Split('\n').Length);

        foreach (var ch in new[] { old, fresh })
        {
            Assert.Equal(0, await ch.ScalarAsync<long>("""
                SELECT count() FROM
                (
                    SELECT * FROM (SELECT toDate(hour) AS day, account_id, region, service, usage_type, resource_id, resource_type,
                                          customer, cluster, index_name, line_item_type, pricing_unit, currency, commitment_arn,
                                          billing_period, sum(cost) AS c, sum(amortized_cost) AS a, round(sum(usage_amount), 9) AS u
                                   FROM cost_hourly GROUP BY ALL HAVING c != 0 OR a != 0 OR u != 0)
                    EXCEPT
                    SELECT * FROM (SELECT day, account_id, region, service, usage_type, resource_id, resource_type, customer,
                                          cluster, index_name, line_item_type, pricing_unit, currency, commitment_arn,
                                          billing_period, sum(cost) AS c, sum(amortized_cost) AS a, round(sum(usage_amount), 9) AS u
                                   FROM cost_rollup_daily GROUP BY ALL HAVING c != 0 OR a != 0 OR u != 0)
                )
                """));
            // The instance's facts on its first day: 24 hours less the restated one, 5 covered and 1 GB-Mo line.
            Assert.Equal("2026-10-30\t2.658\t28\t2026-10-30 00:00:00\t2026-10-30 23:00:00\t1", (await ch.QueryRawAsync("""
                SELECT day, sum(cost), round(sum(running_hours), 9), min(first_billed_hour), max(last_billed_hour), max(has_commitment)
                FROM cost_resource_daily WHERE resource_id = 'i-084' AND day = '2026-10-30' AND billing_period = '2026-10-01'
                GROUP BY day
                """, "TSV")).Trim());
        }
    }
}
