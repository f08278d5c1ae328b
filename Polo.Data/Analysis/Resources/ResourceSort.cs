namespace Polo.Data.Analysis.Resources;

/// <summary>The only sort columns the inventory accepts: ResourceRow's snake_case names mapped to fixed SQL.</summary>
public static class ResourceSort
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["resource_id"] = "resource_id",
        ["name"] = "name",
        ["resource_type"] = "resource_type",
        ["account_id"] = "account_id",
        ["region"] = "region",
        ["state"] = "state",
        ["customer"] = "customer",
        ["cluster"] = "cluster",
        ["index_name"] = "index_name",
        ["cost"] = "cost",
        ["created_at"] = "created_at",
        ["deleted_at"] = "deleted_at",
    };

    public static IReadOnlyCollection<string> Allowed => Columns.Keys;

    public static string OrderBy(string sortBy, SortDirection direction)
    {
        if (!Columns.TryGetValue(sortBy, out var column))
            throw new ArgumentException($"Cannot sort by '{sortBy}'. Sort by one of: {string.Join(", ", Columns.Keys)}.");
        var dir = direction == SortDirection.Ascending ? "ASC" : "DESC";
        return $"{column} {dir}, resource_id ASC";
    }
}
