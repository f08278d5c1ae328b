namespace Polo.Data.Rows;

/// <summary>
/// The version of a new row of a versioned table (budgets, rules: the newest version wins, a delete is a version
/// marked deleted): now at millisecond precision, or strictly after the newest stored version of that id, so two
/// saves within one millisecond still order. The table and id column are fixed names from code, never user input.
/// </summary>
internal static class RowVersions
{
    public static async Task<DateTime> NextAsync(IClickHouse ch, string table, string idColumn, string id, CancellationToken ct)
    {
        var newest = await ch.ScalarAsync<DateTime?>($"SELECT max(version) FROM {table} WHERE {idColumn} = {{id:String}}",
            new QueryParams { ["id"] = id }, ct).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return newest is { } n && n != DateTime.UnixEpoch && now <= n ? n.AddMilliseconds(1) : now;
    }
}
