using Polo.Data.Analysis;
using Polo.Data.Analysis.Sql;
using Polo.Web.Services;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Costs;

/// <summary>Where a breakdown row leads: customers (and clusters) to the hierarchy explorer, every other group to the
/// Cost Delta filtered to that group.</summary>
public static class CostsRowLinks
{
    public static string For(string currentUri, Grouping by, string key)
    {
        if (key != CostQueriesOther && IsHierarchyNode(key))
            return UrlState.Carry(currentUri, "hierarchy", new Dictionary<string, string?> { ["node"] = key });
        return UrlState.Carry(currentUri, "delta", new Dictionary<string, string?>
        {
            ["by"] = QueryEnums.ToUrl(by),
            ["node"] = key == CostQueriesOther ? null : key,
        });
    }

    private const string CostQueriesOther = Polo.Data.Analysis.Costs.CostQueries.Other;

    private static bool IsHierarchyNode(string key)
    {
        try { return NodeId.Parse(key).Kind is "customer" or "cluster" or "index"; }
        catch (ArgumentException) { return false; }
    }
}
