using System.Globalization;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Resources;
using Polo.Data.Vocabulary;
using Polo.Web.Services.Links;

namespace Polo.Web.Components.Pages.Resources;

/// <summary>
/// The inventory's URL state: <c>q</c>, <c>type</c>, <c>account</c>, <c>customer</c>, <c>node</c> (a cluster or index
/// inside the customer), <c>sort</c> (a column name), <c>desc</c> (true|false), <c>page</c> (1-based), <c>size</c>.
/// Bad values fall back to defaults, with a message in <see cref="Problems"/>.
/// </summary>
public sealed record ResourcesView(
    string? Search, string? Type, string? Account, string? Customer, string? Node,
    string Sort, bool Descending, int Page, int Size, IReadOnlyList<string> Problems)
{
    public const string DefaultSort = "cost";
    public const int DefaultSize = 50;
    public static readonly int[] Sizes = [10, 25, 50, 100, 200];

    public static ResourcesView From(IReadOnlyDictionary<string, string> q)
    {
        var problems = new List<string>();
        string? Text(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var sort = Text(QueryKeys.Sort) ?? DefaultSort;
        if (!ResourceSort.Allowed.Contains(sort))
        {
            problems.Add($"'sort' must be one of {string.Join(", ", ResourceSort.Allowed)} (got '{Short(sort)}'); sorting by cost.");
            sort = DefaultSort;
        }

        var desc = sort == DefaultSort;
        if (Text(QueryKeys.Descending) is { } d)
        {
            if (bool.TryParse(d, out var b)) desc = b;
            else if (d is "1" or "0") desc = d == "1";
            else problems.Add($"'desc' must be true or false (got '{Short(d)}'); it was ignored.");
        }

        var page = 1;
        if (Text(QueryKeys.Page) is { } p)
        {
            if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) page = n;
            else problems.Add($"'page' must be a whole number from 1 (got '{Short(p)}'); showing page 1.");
        }

        var size = DefaultSize;
        if (Text(QueryKeys.Size) is { } s)
        {
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Sizes.Contains(n)) size = n;
            else problems.Add($"'size' must be one of {string.Join(", ", Sizes)} (got '{Short(s)}'); showing {DefaultSize} per page.");
        }

        var customer = Text(QueryKeys.Customer);
        var node = Text(QueryKeys.Node);
        if (node is not null)
        {
            string? error = null;
            if (!NodeId.TryParse(node, out var id)) error = "a node id like cluster:acme/prod-1";
            else if (!id.IsHierarchy && id.Kind != NodeKinds.Unassigned) error = "a customer, cluster or index";
            else if (customer is not null && id.Kind != NodeKinds.Unassigned && id.Parts[0] != customer) error = $"inside customer '{Short(customer)}'";
            if (error is not null)
            {
                problems.Add($"'node' must be {error} (got '{Short(node)}'); it was ignored.");
                node = null;
            }
        }

        return new ResourcesView(Text(QueryKeys.Search), Text(QueryKeys.Type), Text(QueryKeys.Account), customer, node, sort, desc, page, size, problems);
    }

    /// <summary>The node the query filters by: the explicit node, else the customer.</summary>
    public string? FilterNode => Node ?? (Customer is null ? null : NodeId.Customer(Customer));

    public ResourceQuery ToQuery(TimeRange costRange, int? page = null, CostType costType = CostTypes.Default) => new(
        Search: Search, ResourceType: Type, AccountId: Account, NodeId: FilterNode,
        SortBy: Sort, Direction: Descending ? SortDirection.Descending : SortDirection.Ascending,
        Page: (page ?? Page) - 1, PageSize: Size, CostRange: costRange, CostType: costType);

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
