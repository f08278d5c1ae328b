namespace Polo.Collection.Cost.Explorer;

/// <summary>One GroupBy of a GetCostAndUsage request (and of the answer's GroupDefinitions): a DIMENSION or a TAG.</summary>
public sealed record CostExplorerGroupBy(string Type, string Key)
{
    public const string Dimension = "DIMENSION";
    public const string Tag = "TAG";

    /// <summary>Dimensions Polo maps onto ledger columns.</summary>
    public static readonly IReadOnlySet<string> Dimensions = new HashSet<string>(StringComparer.Ordinal)
    {
        "LINKED_ACCOUNT", "SERVICE", "REGION", "USAGE_TYPE",
    };

    /// <summary>"LINKED_ACCOUNT", "SERVICE", "REGION", "USAGE_TYPE" or "TAG:&lt;key&gt;" (Cost Explorer allows two).</summary>
    public static CostExplorerGroupBy Parse(string setting)
    {
        var s = setting.Trim();
        if (s.StartsWith("TAG:", StringComparison.OrdinalIgnoreCase))
        {
            var key = s[4..];
            return key.Length is > 0 and <= 128 ? new(Tag, key)
                : throw new CostExplorerException($"Collection:CostExplorer:GroupBy '{setting}' names no tag key (TAG:<key>, at most 128 characters).");
        }
        var dimension = s.ToUpperInvariant();
        return Dimensions.Contains(dimension) ? new(Dimension, dimension)
            : throw new CostExplorerException($"Collection:CostExplorer:GroupBy '{setting}' is not one of {string.Join(", ", Dimensions)} or TAG:<key>.");
    }

    public static IReadOnlyList<CostExplorerGroupBy> FromOptions(IReadOnlyCollection<string> settings)
    {
        var list = (settings.Count == 0 ? ["LINKED_ACCOUNT", "SERVICE"] : settings).Select(Parse).Distinct().ToList();
        return list.Count <= 2 ? list
            : throw new CostExplorerException($"Collection:CostExplorer:GroupBy lists {list.Count} groupings; Cost Explorer allows two.");
    }
}

/// <summary>What a GetCostAndUsage call asked for; the answer must match it.</summary>
public sealed record CostExplorerQuery(DateTime Start, DateTime End, bool Hourly, IReadOnlyList<CostExplorerGroupBy> GroupBy)
{
    public static readonly string[] Metrics = ["UnblendedCost", "UsageQuantity"];

    public TimeSpan Step => Hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
}
