using System.Globalization;

namespace Polo.Collection.Cost.Explorer;

/// <summary>One group of a GetCostAndUsage answer: its period, the keys mapped by their GroupDefinitions (a dimension
/// not grouped by is empty), the tags grouped by (the untagged bucket has value ""), and the two metrics.</summary>
public sealed record CostExplorerGroup(DateTime PeriodStart, string AccountId, string Service, decimal UnblendedCost,
    double UsageQuantity, string Region = "", string UsageType = "", IReadOnlyDictionary<string, string>? Tags = null)
{
    /// <summary>The period and keys, which no two groups of one answer share.</summary>
    public string Identity => string.Join('\u001f', [PeriodStart.ToString("O", CultureInfo.InvariantCulture), AccountId, Service, Region, UsageType,
        .. (Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")]);

    /// <summary>The group's period and keys as text, clipped, for an error message.</summary>
    public string Describe()
    {
        var keys = string.Join(", ", new[] { AccountId, Service, Region, UsageType }.Where(k => k.Length > 0)
            .Concat((Tags ?? new Dictionary<string, string>()).Select(t => $"{t.Key}${t.Value}")));
        return $"[{(keys.Length <= 80 ? keys : keys[..80] + "…")}] of {PeriodStart:yyyy-MM-dd HH:mm}";
    }
}

/// <summary>One page of a GetCostAndUsage answer.</summary>
public sealed record CostExplorerPage(IReadOnlyList<CostExplorerGroup> Groups, string? NextPageToken);
