namespace Polo.Collection.Cost.Explorer;

/// <summary>Settings of the Cost Explorer collector (configuration section <c>Collection:CostExplorer</c>).</summary>
public sealed class CostExplorerOptions
{
    public const string Section = "Collection:CostExplorer";

    /// <summary>Off by default: Cost Explorer is the secondary source and each API request is billed by AWS.</summary>
    public bool Enabled { get; set; }

    /// <summary>The Cost Explorer endpoint (tests point it at a loopback server).</summary>
    public string ServiceUrl { get; set; } = "https://ce.us-east-1.amazonaws.com/";

    /// <summary>Region the request is signed for; Cost Explorer lives in us-east-1.</summary>
    public string SigningRegion { get; set; } = "us-east-1";

    /// <summary>DAILY (default) or HOURLY (needs hourly granularity enabled in the payer account; 14 days at most).</summary>
    public string Granularity { get; set; } = "DAILY";

    /// <summary>Whole UTC days before today that each run asks for (today is incomplete and left out).</summary>
    public int LookbackDays { get; set; } = 14;

    /// <summary>Attempts per request when AWS throttles or fails (HTTP 429 / 5xx / ThrottlingException).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles with every further attempt.</summary>
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>Pages followed per run at most (NextPageToken), a guard against a runaway loop.</summary>
    public int MaxPages { get; set; } = 100;

    /// <summary>Bytes one answer may have before it is refused (16 MiB).</summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Up to two groupings: LINKED_ACCOUNT, SERVICE, REGION, USAGE_TYPE or TAG:&lt;key&gt;. Empty means
    /// LINKED_ACCOUNT and SERVICE. Tag groups land as the ledger's billed tags, the untagged bucket as value "".</summary>
    public List<string> GroupBy { get; set; } = new();
}
