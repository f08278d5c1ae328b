namespace Polo.Data.Tests.Inventory;

/// <summary>A cost_hourly line as the CUR collector writes it (migration 020's billing columns included).</summary>
public sealed record BilledLine(
    DateTime Hour, string AccountId, string Region, string Service, string UsageType, string ResourceId, string ResourceType,
    decimal Cost, double UsageAmount, string LineItemType, string PricingUnit, Dictionary<string, string> BilledTags,
    string Customer = "", string Cluster = "", string IndexName = "", string Source = "cur", string Currency = "USD");

/// <summary>Builds hourly runs of lines in real CUR shapes (bare EC2 ids, ARNs for RDS / Glue / Lambda / ELB, S3 bucket
/// names, id-less fees).</summary>
public sealed class BilledLines
{
    public static readonly DateTime Nov1 = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public List<BilledLine> Lines { get; } = new();

    /// <summary>One line per hour in [from, to).</summary>
    public BilledLines Hourly(string account, string service, string usageType, string resourceId, DateTime from, DateTime to,
        decimal costPerHour, string lineItemType = "Usage", string pricingUnit = "Hrs", Dictionary<string, string>? tags = null,
        string resourceType = "", string customer = "", string cluster = "", double usage = 1)
    {
        for (var h = from; h < to; h = h.AddHours(1))
            Lines.Add(new BilledLine(h, account, "us-east-1", service, usageType, resourceId, resourceType, costPerHour, usage,
                lineItemType, pricingUnit, tags ?? new(), customer, cluster));
        return this;
    }

    /// <summary>One line per day (at 00:00) in [from, to), as CUR bills storage.</summary>
    public BilledLines Daily(string account, string service, string usageType, string resourceId, DateTime from, DateTime to,
        decimal costPerDay, string pricingUnit, double usage, Dictionary<string, string>? tags = null)
    {
        for (var d = from; d < to; d = d.AddDays(1))
            Lines.Add(new BilledLine(d, account, "us-east-1", service, usageType, resourceId, "", costPerDay, usage, "Usage",
                pricingUnit, tags ?? new()));
        return this;
    }

    public Task WriteAsync(IClickHouse ch) => ch.InsertAsync("cost_hourly", Lines);
}
