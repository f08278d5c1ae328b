using Polo.Data;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>Scratch tables of CUR runs (server staging, restatement work tables), dropped by name prefix.</summary>
internal static class CurScratchTables
{
    /// <summary>Drops every table of the current database whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task DropAsync(IClickHouse ch, string prefix, CancellationToken ct)
    {
        var tables = await ch.QueryAsync<ScratchTable>(
            "SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, {prefix:String})",
            new QueryParams { ["prefix"] = prefix }, ct);
        foreach (var t in tables) await ch.ExecuteAsync($"DROP TABLE IF EXISTS `{t.Name}` SYNC", ct: ct);
    }

    private sealed record ScratchTable(string Name);
}
