namespace Polo.Data.Demo;

/// <summary>Static facts of the demo estate: the legacy 16-account fleet, customers, on-demand prices.</summary>
internal static class DemoCatalog
{
    public sealed record Account(string Id, string Name, string Role, string Environment, string Region);

    public sealed record Customer(string Name, string DisplayName, string Tier);

    public static readonly Account[] Accounts =
    [
        new("100000000001", "prod-search-us-1", "production", "prod", "us-east-1"),
        new("100000000002", "prod-search-us-2", "production", "prod", "us-west-2"),
        new("100000000003", "prod-search-eu-1", "production", "prod", "eu-west-1"),
        new("100000000004", "prod-search-eu-2", "production", "prod", "eu-central-1"),
        new("100000000005", "prod-search-ap-1", "production", "prod", "ap-southeast-1"),
        new("100000000006", "prod-shared", "shared-services", "prod", "us-east-1"),
        new("100000000007", "prod-data-pipeline", "data", "prod", "us-east-1"),
        new("100000000008", "staging-1", "staging", "staging", "us-east-1"),
        new("100000000009", "staging-2", "staging", "staging", "eu-west-1"),
        new("100000000010", "dev-1", "development", "dev", "us-east-1"),
        new("100000000011", "dev-2", "development", "dev", "us-west-2"),
        new("100000000012", "test-load", "test", "test", "us-east-1"),
        new("100000000013", "test-integration", "test", "test", "us-east-1"),
        new("100000000014", "security-audit", "security", "prod", "us-east-1"),
        new("100000000015", "logging-archive", "logging", "prod", "us-east-1"),
        new("100000000016", "network-hub", "network", "prod", "us-east-1"),
    ];

    /// <summary>Accounts that host customer search clusters.</summary>
    public static readonly int[] SearchAccounts = [0, 1, 2, 3, 4];

    public static readonly Customer[] Customers =
    [
        new("acme", "Acme Corp", "enterprise"),
        new("globex", "Globex", "enterprise"),
        new("initech", "Initech", "pro"),
        new("umbrella", "Umbrella", "pro"),
        new("hooli", "Hooli", "standard"),
        new("stark", "Stark Industries", "enterprise"),
        new("wayne", "Wayne Enterprises", "pro"),
        new("tyrell", "Tyrell", "standard"),
    ];

    public static readonly string[] IndexNames = ["logs", "search", "metrics", "events", "catalog"];

    /// <summary>On-demand Linux hourly prices (us-east-1).</summary>
    public static readonly Dictionary<string, decimal> InstancePrice = new()
    {
        ["m5.large"] = 0.096m, ["m5.xlarge"] = 0.192m, ["m5.2xlarge"] = 0.384m,
        ["r5.large"] = 0.126m, ["r5.xlarge"] = 0.252m, ["r5.2xlarge"] = 0.504m, ["r5.4xlarge"] = 1.008m,
        ["i3.2xlarge"] = 0.624m, ["i3.4xlarge"] = 1.248m, ["c5.xlarge"] = 0.17m,
    };

    public const decimal Gp3PerGbMonth = 0.08m;
    public const decimal SnapshotPerGbMonth = 0.05m;
    public const decimal NatHour = 0.045m;
    public const decimal NatPerGb = 0.045m;
    public const decimal PublicIpv4Hour = 0.005m;
    public const decimal LoadBalancerHour = 0.0225m;
    public const decimal HoursPerMonth = 730m;

    public static decimal PerHour(decimal perGbMonth, int gb) => Math.Round(perGbMonth * gb / HoursPerMonth, 6);
}
