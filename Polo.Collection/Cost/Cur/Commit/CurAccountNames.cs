using Polo.Data;
using Polo.Data.Rows;

namespace Polo.Collection.Cost.Cur.Commit;

/// <summary>
/// Account names as billed (CUR 2.0 <c>line_item_usage_account_name</c>) land in account_metadata, keeping the
/// role, environment and owner already recorded; unchanged names write nothing.
/// </summary>
public static class CurAccountNames
{
    public static async Task<int> UpsertAsync(IClickHouse ch, IEnumerable<(string AccountId, string Name)> names, CancellationToken ct)
    {
        var wanted = names.Where(n => n.AccountId != "" && n.Name != "")
            .GroupBy(n => n.AccountId).ToDictionary(g => g.Key, g => g.First().Name);
        if (wanted.Count == 0) return 0;
        var current = (await ch.QueryAsync<AccountMetadataRow>("""
                SELECT account_id, argMax(account_name, updated_at) AS account_name, toString(argMax(role, updated_at)) AS role,
                       toString(argMax(environment, updated_at)) AS environment, argMax(owner, updated_at) AS owner
                FROM account_metadata WHERE account_id IN {ids:Array(String)} GROUP BY account_id
                """, new QueryParams { ["ids"] = wanted.Keys.ToArray() }, ct))
            .ToDictionary(c => c.AccountId);
        var rows = wanted
            .Where(w => !current.TryGetValue(w.Key, out var c) || c.AccountName != w.Value)
            .Select(w => current.TryGetValue(w.Key, out var c)
                ? c with { AccountName = w.Value }
                : new AccountMetadataRow(w.Key, w.Value, "", "", ""))
            .ToList();
        if (rows.Count > 0) await ch.InsertAsync("account_metadata", rows, ct: ct);
        return rows.Count;
    }
}
