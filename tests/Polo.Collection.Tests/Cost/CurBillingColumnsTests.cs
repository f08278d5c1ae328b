using Polo.Collection.Accounts;
using Polo.Collection.Configuration;
using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;
using Polo.Data;
using Polo.Data.Rows;

namespace Polo.Collection.Tests.Cost;

/// <summary>A CUR 2.0 bill (CSV.gz and Parquet) lands with every billing column of migration 020 filled.</summary>
public sealed class CurBillingColumnsTests : FreshDatabase
{
    private static readonly CollectorScope Org = new("*", "us-east-1", null);
    private static readonly DateTime Hour = new(2025, 3, 4, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur2-").FullName;

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    private async Task WriteAsync(string format)
    {
        var table = Cur2Bill.Table(Hour);
        if (format == "parquet") await table.WriteParquetAsync(Ch, Path.Combine(_folder, "data", "part-00001.snappy.parquet"));
        else table.WriteCsvGz(Path.Combine(_folder, "data", "part-00001.csv.gz"));
    }

    private Task<CollectorOutcome> RunAsync() => new CurCollector(Ch, new CurOptions { Folder = _folder }).RunAsync(Org, default);

    private Task<decimal> Sum(string column, string where = "1") =>
        Ch.ScalarAsync<decimal>($"SELECT toDecimal64(sum({column}), 6) FROM cost_hourly WHERE {where}");

    [Theory]
    [InlineData("csv.gz")]
    [InlineData("parquet")]
    public async Task Every_line_item_type_keeps_its_billing_mechanics(string format)
    {
        await WriteAsync(format);

        var outcome = await RunAsync();

        Assert.Equal(10, outcome.Rows);
        Assert.Equal(Cur2Bill.Unblended, await Sum("cost"));
        Assert.Equal(Cur2Bill.Amortized, await Sum("amortized_cost"));
        Assert.Equal(Cur2Bill.NetAmortized, await Sum("net_amortized_cost"));
        Assert.Equal(Cur2Bill.Amortized, await Ch.ScalarAsync<decimal>("SELECT toDecimal64(sum(amortized_cost), 6) FROM cost_rollup_daily"));
        Assert.Equal(0.12m, await Sum("savings_plan_effective_cost", $"commitment_arn = '{Cur2Bill.SpArn}' AND line_item_type = 'SavingsPlanCoveredUsage'"));
        Assert.Equal(0.114m, await Sum("savings_plan_net_effective_cost", "line_item_type = 'SavingsPlanCoveredUsage'"));
        Assert.Equal(0.15m, await Sum("savings_plan_total_commitment_to_date", "line_item_type = 'SavingsPlanRecurringFee'"));
        Assert.Equal(0.12m, await Sum("savings_plan_used_commitment", "line_item_type = 'SavingsPlanRecurringFee'"));
        Assert.Equal(0.057m, await Sum("reservation_net_effective_cost", $"commitment_arn = '{Cur2Bill.RiArn}' AND resource_id = 'i-0ccc'"));
        Assert.Equal(0.02m, await Sum("reservation_unused_amortized_upfront_fee", "line_item_type = 'RIFee'"));
        Assert.Equal(0.01m, await Sum("reservation_unused_recurring_fee", "line_item_type = 'RIFee'"));
        Assert.Equal(0.0912m, await Sum("net_unblended_cost", "resource_id = 'i-0aaa'"));
        Assert.Equal(0.373m, await Sum("public_on_demand_cost"));
        // A measure the line does not carry stays NULL, never 0.
        Assert.Equal(1, await CountAsync("SELECT count() FROM cost_hourly WHERE line_item_type = 'Tax' AND net_unblended_cost IS NULL AND savings_plan_effective_cost IS NULL"));

        var usage = (await Ch.QueryAsync<LedgerLine>("""
            SELECT toString(service) AS service, toString(usage_type) AS usage_type, toString(pricing_unit) AS pricing_unit,
                   toString(currency) AS currency, toString(billing_period) AS billing_period, toString(region) AS region,
                   toString(customer) AS customer, billed_tags, toString(resource_type) AS resource_type
            FROM cost_hourly WHERE resource_id = 'vol-0ddd'
            """)).Single();
        Assert.Equal(new LedgerLine("AmazonEBS", "EBS:VolumeUsage.gp3", "GB-Mo", "USD", "2025-03-01", "us-east-1", "acme",
            null!, "ebs_volume"), usage with { BilledTags = null! });
        Assert.Equal(new Dictionary<string, string> { ["polo_customer"] = "acme", ["Name"] = "node-1" }, usage.BilledTags);
    }

    [Fact]
    public async Task A_restatement_that_moves_only_one_optional_measure_or_the_usage_is_applied_and_keeps_the_rest()
    {
        // The restated bill keeps every cost and re-prices one nullable measure of one line, then one usage amount:
        // the restatement finds the moved lines by a fingerprint over all measures, not by cost alone.
        var path = Path.Combine(_folder, "data", "part-00001.csv");
        var csv = Cur2Bill.Table(Hour).Csv();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, csv);
        await RunAsync();

        File.WriteAllText(path, csv.Replace(",0.114,", ",0.1,", StringComparison.Ordinal));
        var restated = await RunAsync();

        Assert.Equal(1, restated.Rows);
        Assert.Equal(0.1m, await Sum("savings_plan_net_effective_cost", "line_item_type = 'SavingsPlanCoveredUsage'"));
        Assert.Equal(Cur2Bill.NetAmortized - 0.014m, await Sum("net_amortized_cost"));
        Assert.Equal(Cur2Bill.Unblended, await Sum("cost"));
        Assert.Equal(0.12m, await Sum("savings_plan_effective_cost", "line_item_type = 'SavingsPlanCoveredUsage'"));
        Assert.Equal(1, await CountAsync("SELECT count() FROM cost_hourly WHERE line_item_type = 'Tax' AND net_unblended_cost IS NULL"));

        var lines = csv.Split('\n');
        var ebs = Array.FindIndex(lines, l => l.Contains("vol-0ddd", StringComparison.Ordinal));
        Assert.True(ebs > 0);
        var fields = lines[ebs].Split(',');
        var amount = Array.IndexOf(Cur2Bill.Columns, "line_item_usage_amount");
        var before = decimal.Parse(fields[amount].Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        fields[amount] = (before + 0.5m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lines[ebs] = string.Join(",", fields);
        File.WriteAllText(path, string.Join("\n", lines).Replace(",0.114,", ",0.1,", StringComparison.Ordinal));
        var usage = await RunAsync();

        Assert.Equal(1, usage.Rows);
        Assert.Equal((double)(before + 0.5m), await Ch.ScalarAsync<double>("SELECT sum(usage_amount) FROM cost_hourly WHERE resource_id = 'vol-0ddd'"), 9);
        Assert.Equal(0.1m, await Sum("savings_plan_net_effective_cost", "line_item_type = 'SavingsPlanCoveredUsage'"));
        Assert.Equal(Cur2Bill.Unblended, await Sum("cost"));
    }

    [Theory]
    [InlineData("csv.gz")]
    [InlineData("parquet")]
    public async Task Split_cost_pod_lines_stay_apart_so_the_instance_is_counted_once(string format)
    {
        await WriteAsync(format);

        await RunAsync();

        Assert.Equal(0.096m, await Sum("cost", "resource_id = 'i-0aaa'"));
        Assert.Equal(1, await CountAsync($"SELECT count() FROM cost_hourly WHERE resource_id = '{Cur2Bill.PodArn}' AND resource_type = 'eks_pod' AND cost = 0 AND usage_type = 'EKSPod-EC2:vCPU-Hours'"));
    }

    [Fact]
    public async Task The_usage_account_name_fills_account_metadata()
    {
        await WriteAsync("parquet");

        await RunAsync();

        Assert.Equal("prod-account", await Ch.ScalarAsync<string>(
            "SELECT argMax(account_name, updated_at) FROM account_metadata WHERE account_id = '111111111111'"));
    }

    [Fact]
    public async Task Configured_names_and_roles_fill_account_metadata_and_the_billed_name_keeps_the_configured_role()
    {
        var options = new CollectionOptions
        {
            Accounts = [new AccountOptions { AccountId = "111111111111", Name = "configured", Role = "production", Environment = "prod" },
                        new AccountOptions { AccountId = "222222222222", Name = "shared", Role = "shared-services" }],
        };
        Assert.Equal(2, await AccountMetadataWriter.ApplyConfiguredAsync(Ch, options));
        Assert.Equal(0, await AccountMetadataWriter.ApplyConfiguredAsync(Ch, options));
        await WriteAsync("csv.gz");

        await RunAsync();

        var rows = await Ch.QueryAsync<AccountMetadataRow>("""
            SELECT account_id, argMax(account_name, updated_at) AS account_name, toString(argMax(role, updated_at)) AS role,
                   toString(argMax(environment, updated_at)) AS environment, argMax(owner, updated_at) AS owner
            FROM account_metadata GROUP BY account_id ORDER BY account_id
            """);
        Assert.Equal([new AccountMetadataRow("111111111111", "prod-account", "production", "prod", ""),
                      new AccountMetadataRow("222222222222", "shared", "shared-services", "", "")], rows);
    }

    private sealed record LedgerLine(string Service, string UsageType, string PricingUnit, string Currency, string BillingPeriod,
        string Region, string Customer, Dictionary<string, string> BilledTags, string ResourceType);
}
