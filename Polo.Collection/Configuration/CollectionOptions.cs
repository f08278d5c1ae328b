namespace Polo.Collection.Configuration;

/// <summary>The <c>Collection</c> configuration section: which accounts to collect, how, and when.</summary>
public sealed class CollectionOptions
{
    public const string Section = "Collection";

    /// <summary>AWS accounts to collect from. None configured means the collectors are disabled.</summary>
    public List<AccountOptions> Accounts { get; set; } = new();

    /// <summary>Regions used for an account that lists none of its own; us-east-1 when none is configured.
    /// (Empty by default: configuration binding appends to a list, it does not replace it.)</summary>
    public List<string> DefaultRegions { get; set; } = new();

    public const string FallbackRegion = "us-east-1";

    /// <summary>Tag keys whose values place a resource in the customer → cluster → index hierarchy.</summary>
    public HierarchyTagOptions HierarchyTags { get; set; } = new();

    /// <summary>How many (account, region) units run at the same time.</summary>
    public int MaxParallelAccounts { get; set; } = 4;

    /// <summary>Quartz cron expressions by collector name, e.g. <c>"ec2-config": "0 0/30 * * * ?"</c>.
    /// A collector with no schedule runs only when started from the status page.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether this instance fires the cron schedules. Exactly one instance of a deployment may (default true);
    /// set it false on every other instance (they still answer Run now).</summary>
    public bool Scheduler { get; set; } = true;

    /// <summary>Endpoint overrides by service ("EC2", "STS", "SQS"); for tests and private endpoints only.</summary>
    public Dictionary<string, string> ServiceUrls { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Retries the AWS SDK makes after a throttled or failed call (standard retry mode, with backoff).</summary>
    public int MaxErrorRetry { get; set; } = 4;

    /// <summary>Bounds on what one AWS answer may be, and when a poll's deletions are held back.</summary>
    public CollectionSafetyOptions Safety { get; set; } = new();

    public string? ServiceUrl(string service) =>
        ServiceUrls.TryGetValue(service, out var url) && !string.IsNullOrWhiteSpace(url) ? url : null;
}

public sealed class AccountOptions
{
    public string AccountId { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The account's role in the estate (e.g. production, shared-services), shown and grouped by in the analysis.</summary>
    public string Role { get; set; } = "";

    /// <summary>The account's environment (e.g. prod, staging).</summary>
    public string Environment { get; set; } = "";

    /// <summary>Role assumed through STS (session "polo-collector"). Empty: the host's own credentials are used.</summary>
    public string RoleArn { get; set; } = "";

    public List<string> Regions { get; set; } = new();
}

public sealed class HierarchyTagOptions
{
    public string Customer { get; set; } = "polo:customer";
    public string Cluster { get; set; } = "polo:cluster";
    public string Index { get; set; } = "polo:index";
}

/// <summary>The <c>Collection:Safety</c> section: bounds on AWS answers and the deletion safety valve.</summary>
public sealed class CollectionSafetyOptions
{
    /// <summary>Pages one paginated call may return (NextToken) before the listing is refused as runaway.</summary>
    public int MaxPagesPerCall { get; set; } = 500;

    /// <summary>Bytes one AWS answer may have before it is refused (64 MiB).</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A poll that would delete more than this share of an account/region's resources of one type is held.</summary>
    public double HoldDeletionShare { get; set; } = 0.3;

    /// <summary>… provided it would delete at least this many (so a 2-instance account can still lose one).</summary>
    public int HoldDeletionMinimum { get; set; } = 5;
}
