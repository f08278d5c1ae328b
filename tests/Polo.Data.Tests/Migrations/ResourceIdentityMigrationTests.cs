using Polo.Data.Analysis;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Facts;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Migrations;

/// <summary>
/// Migration 081: the per-resource daily facts carry a numeric identity_key (a hash of the nine identity strings) and
/// cost_line_identity maps each key back to its strings, for the rows there before the migration and for every later
/// insert (the facts' view, <see cref="ResourceDailyFacts.ReconcileAsync"/>); the decomposition's scan refuses facts
/// whose identity it cannot name rather than put their cost under an empty node.
/// </summary>
public sealed class ResourceIdentityMigrationTests
{
    private const string Hash =
        "cityHash64(service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type)";

    /// <summary>Two months of 7 resources over 3 regions and 2 usage types (one changes half-way: two lines).</summary>
    private const string Ledger = """
        INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount,
                                 pricing_unit, line_item_type, source)
        SELECT toDateTime('2025-01-01 00:00:00', 'UTC') + number * 3600, '111', ['us-east-1', 'eu-west-1', 'ap-south-1'][number % 7 % 3 + 1],
               'AmazonEC2', if(number % 7 = 6 AND number > 24 * 30, 'BoxUsage:m5.xlarge', 'BoxUsage:m5.large'),
               concat('i-', toString(number % 7)), 'ec2_instance', toDecimal64(number % 5, 6) / 10, 1, 'Hrs', 'Usage', 'demo'
        FROM numbers(24 * 60)
        """;

    [Fact]
    public async Task Existing_and_new_facts_get_their_identity_and_its_strings()
    {
        using var schema = EarlierSchema.Before("081");
        await using var ch = await TestDatabase.CreateAsync(migrate: false);
        await schema.ApplyAsync(ch);
        await ch.ExecuteAsync(Ledger);

        await schema.UpgradeAsync(ch);

        // Written into every part (not computed at read time), and equal to the hash of the row's strings.
        Assert.Equal(0, await ch.ScalarAsync<long>("""
            SELECT count() FROM system.parts
            WHERE database = currentDatabase() AND table = 'cost_resource_daily' AND active AND name NOT IN
                  (SELECT name FROM system.parts_columns WHERE database = currentDatabase() AND table = 'cost_resource_daily'
                   AND active AND column = 'identity_key')
            """));
        // 3 regions × one usage type, and the resource whose usage type changed.
        await AssertIdentitiesAsync(ch, keys: 4);

        // A new line reaches the facts and the identity table through the views.
        await ch.ExecuteAsync("""
            INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type, cost, usage_amount,
                                     pricing_unit, line_item_type, source)
            VALUES ('2025-02-01 05:00:00', '222', 'us-west-2', 'AmazonRDS', 'InstanceUsage:db.r5.large', 'db-1', 'rds_instance',
                    1.25, 1, 'Hrs', 'Usage', 'demo')
            """);
        await AssertIdentitiesAsync(ch, keys: 5);

        // Facts lost (a killed commit) and put back by the reconciliation get their identity again.
        await ch.ExecuteAsync("ALTER TABLE cost_resource_daily DELETE WHERE resource_id = 'i-6' SETTINGS mutations_sync = 2");
        await ch.ExecuteAsync("TRUNCATE TABLE cost_line_identity");
        await ResourceDailyFacts.ReconcileAsync(ch, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(2, await ch.ScalarAsync<long>("SELECT uniqExact(identity_key) FROM cost_line_identity"));
        Assert.Equal(2, await ch.ScalarAsync<long>("SELECT uniqExact(identity_key) FROM cost_resource_daily WHERE resource_id = 'i-6'"));
        Assert.Equal(0, await ch.ScalarAsync<long>(
            "SELECT count() FROM cost_resource_daily WHERE resource_id = 'i-6' AND identity_key NOT IN (SELECT identity_key FROM cost_line_identity)"));
    }

    [Fact]
    public async Task The_scan_refuses_facts_whose_identity_is_unknown()
    {
        await using var ch = await TestDatabase.CreateAsync();
        await ch.ExecuteAsync(Ledger);
        var month = TimeRange.Create(new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc));
        var decomposer = new DeltaDecomposer(ch);
        var known = await decomposer.DecomposeAsync(month.Previous(), month, Grouping.Customer);
        Assert.NotEqual(0m, known.PeriodCost);

        await ch.ExecuteAsync("TRUNCATE TABLE cost_line_identity");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => decomposer.DecomposeAsync(month.Previous(), month, Grouping.Customer));
        Assert.Contains("cost_line_identity", error.Message, StringComparison.Ordinal);
    }

    private static async Task AssertIdentitiesAsync(IClickHouse ch, long keys)
    {
        Assert.Equal(0, await ch.ScalarAsync<long>($"SELECT countIf(identity_key != {Hash}) FROM cost_resource_daily"));
        var names = await ch.ScalarAsync<long>($"""
            SELECT count() FROM
            (
                SELECT f.identity_key FROM (SELECT DISTINCT identity_key, {Hash} AS h FROM cost_resource_daily) AS f
                LEFT JOIN (SELECT identity_key, {Hash} AS h FROM cost_line_identity) AS i ON i.identity_key = f.identity_key
                WHERE i.h = f.h
                GROUP BY f.identity_key
            )
            """);
        Assert.Equal(keys, names);
        Assert.Equal(keys, await ch.ScalarAsync<long>("SELECT uniqExact(identity_key) FROM cost_line_identity"));
    }
}
