using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Hierarchy;
using Polo.Web.Services;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Costs;

/// <summary>Where a breakdown row leads: customers (and clusters) to the hierarchy explorer, every other group to the
/// Cost Delta filtered to that group.</summary>
public static class CostsRowLinks
{
    public static string For(string currentUri, Grouping by, string key)
    {
        if (key != CostQueriesOther && HierarchyLinks.IsNode(key))
            return HierarchyLinks.Node(currentUri, key);
        return UrlState.Carry(currentUri, "delta", new Dictionary<string, string?>
        {
            ["by"] = QueryEnums.ToUrl(by),
            ["node"] = key == CostQueriesOther ? null : key,
        });
    }

    private const string CostQueriesOther = Polo.Data.Analysis.Costs.CostQueries.Other;
}
