using Polo.Data.Vocabulary;
using Polo.Web.Services.Links;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Costs;

public enum CostChart { Area, Bar, Table }

/// <summary>The Costs page's URL state beyond the range: <c>by</c> (grouping) and <c>chart</c> (area|bar|table).</summary>
public sealed record CostsView(Grouping By, CostChart Chart, IReadOnlyList<string> Problems)
{
    public static readonly Grouping[] Groupings =
        [Grouping.Customer, Grouping.AccountRole, Grouping.Service, Grouping.Account, Grouping.Region, Grouping.ResourceType];

    public static string ChartUrl(CostChart c) => c.ToString().ToLowerInvariant();

    public static CostsView From(IReadOnlyDictionary<string, string> query)
    {
        var problems = new List<string>();
        var by = QueryEnums.Grouping(query, QueryKeys.By, Grouping.Customer, Groupings, problems);
        var chart = CostChart.Area;
        if (query.TryGetValue(QueryKeys.Chart, out var raw) && !string.IsNullOrWhiteSpace(raw))
        {
            var match = Enum.GetValues<CostChart>().Where(c => string.Equals(ChartUrl(c), raw.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1) chart = match[0];
            else problems.Add($"'chart' must be one of area, bar, table (got '{RangeSelection.Truncate(raw)}'); showing area.");
        }
        return new CostsView(by, chart, problems);
    }
}
