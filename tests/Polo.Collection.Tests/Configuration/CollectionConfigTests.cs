using Polo.Collection.Configuration;

namespace Polo.Collection.Tests.Configuration;

public sealed class CollectionConfigTests
{
    private static AccountOptions Account(string id = "123456789012", string? role = null, params string[] regions) =>
        new() { AccountId = id, Name = "prod", RoleArn = role ?? $"arn:aws:iam::{id}:role/polo", Regions = regions.ToList() };

    [Fact]
    public void A_valid_configuration_has_no_problems_and_expands_accounts_times_regions()
    {
        var config = CollectionConfig.From(new CollectionOptions
        {
            Accounts = [Account("111111111111", null, "us-east-1", "eu-west-1"), Account("222222222222")],
            DefaultRegions = ["us-west-2"],
            Schedules = new() { ["ec2-config"] = "0 0/30 * * * ?" },
        });

        Assert.Empty(config.Problems);
        Assert.Equal(new[] { "111111111111/us-east-1", "111111111111/eu-west-1", "222222222222/us-west-2" },
            config.Units().Select(u => $"{u.Account.AccountId}/{u.Region}"));
        Assert.Equal("0 0/30 * * * ?", config.ScheduleOf("EC2-CONFIG"));
        Assert.Null(config.ScheduleOf("cur"));
        var next = CollectionConfig.NextFire("0 0/30 * * * ?", new DateTimeOffset(2026, 1, 1, 10, 5, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void No_accounts_disables_the_collectors_with_a_message()
    {
        var config = CollectionConfig.From(new CollectionOptions());
        Assert.False(config.AccountsConfigured);
        Assert.Contains(config.Problems, p => p.Contains("No AWS accounts are configured"));
    }

    [Fact]
    public void Bad_cron_bad_role_arn_and_bad_account_ids_are_reported_and_skipped()
    {
        var config = CollectionConfig.From(new CollectionOptions
        {
            Accounts =
            [
                Account("123456789012", "arn:aws:iam::123456789012:user/bob"),
                Account("333333333333", "arn:aws:iam::444444444444:role/polo"),
                Account("12345"),
                Account("555555555555", null, "mars-1"),
                Account("666666666666"),
            ],
            Schedules = new() { ["ec2-config"] = "every five minutes", ["cur"] = "0 0 * * * ?" },
            MaxParallelAccounts = 0,
        });

        Assert.Equal(new[] { "666666666666" }, config.Accounts.Select(a => a.AccountId));
        Assert.Contains(config.Problems, p => p.Contains("RoleArn 'arn:aws:iam::123456789012:user/bob' is not an IAM role ARN"));
        Assert.Contains(config.Problems, p => p.Contains("belongs to account 444444444444, not 333333333333"));
        Assert.Contains(config.Problems, p => p.Contains("AccountId '12345' is not a 12-digit AWS account id"));
        Assert.Contains(config.Problems, p => p.Contains("'mars-1' is not an AWS region name"));
        Assert.Contains(config.Problems, p => p.StartsWith("Collection:Schedules:ec2-config: 'every five minutes' is not a valid Quartz cron expression", StringComparison.Ordinal));
        Assert.Contains(config.Problems, p => p.Contains("MaxParallelAccounts must be at least 1"));
        Assert.Null(config.ScheduleOf("ec2-config"));
        Assert.Equal("0 0 * * * ?", config.ScheduleOf("cur"));
        Assert.Equal(1, config.MaxParallel);
    }

    [Fact]
    public void An_account_without_a_role_uses_the_host_credentials()
    {
        var config = CollectionConfig.From(new CollectionOptions { Accounts = [new AccountOptions { AccountId = "777777777777" }] });
        Assert.Empty(config.Problems);
        Assert.Single(config.Accounts);
    }
}
