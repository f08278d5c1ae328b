using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Hierarchy;
using Polo.Web.Services.Links;

namespace Polo.Web.Components.Pages.Costs;

/// <summary>Where a breakdown row leads: customers (and clusters) to the hierarchy explorer, every other group to the
/// Cost Delta filtered to that group.</summary>
public static class CostsRowLinks
{
    public static string For(string currentUri, Grouping by, string key)
    {
        if (key != CostQueriesOther && HierarchyLinks.IsNode(key))
            return HierarchyLinks.Node(currentUri, key);
        return new DeltaLink(By: by, Node: key == CostQueriesOther ? null : key).HrefFrom(currentUri);
    }

    private const string CostQueriesOther = Polo.Data.Analysis.Costs.CostQueries.Other;
}
