using Polo.Collection.Configuration;
using Polo.Data;
using Polo.Data.Rows;

namespace Polo.Collection.Accounts;

/// <summary>What a source knows about an account; null fields are left as recorded.</summary>
public sealed record AccountFacts(string AccountId, string? Name = null, string? Role = null, string? Environment = null);

/// <summary>
/// Keeps account_metadata (read through account_dict) up to date from the sources that know accounts: names as billed
/// (CUR 2.0 <c>line_item_usage_account_name</c>) and the names, roles and environments in <c>Collection:Accounts</c>.
/// Fields a source does not know keep their recorded value; unchanged accounts write nothing.
/// </summary>
public static class AccountMetadataWriter
{
    public static async Task<int> UpsertAsync(IClickHouse ch, IEnumerable<AccountFacts> facts, CancellationToken ct)
    {
        var wanted = facts.Where(f => f.AccountId != "")
            .GroupBy(f => f.AccountId)
            .ToDictionary(g => g.Key, g => g.Aggregate((a, b) => new AccountFacts(a.AccountId,
                Pick(b.Name, a.Name), Pick(b.Role, a.Role), Pick(b.Environment, a.Environment))));
        if (wanted.Count == 0) return 0;
        var current = (await ch.QueryAsync<AccountMetadataRow>("""
                SELECT account_id, argMax(account_name, updated_at) AS account_name, toString(argMax(role, updated_at)) AS role,
                       toString(argMax(environment, updated_at)) AS environment, argMax(owner, updated_at) AS owner
                FROM account_metadata WHERE account_id IN {ids:Array(String)} GROUP BY account_id
                """, new QueryParams { ["ids"] = wanted.Keys.ToArray() }, ct))
            .ToDictionary(c => c.AccountId);
        var rows = new List<AccountMetadataRow>();
        foreach (var (id, f) in wanted)
        {
            var was = current.GetValueOrDefault(id) ?? new AccountMetadataRow(id, "", "", "", "");
            var now = was with
            {
                AccountName = Pick(f.Name, was.AccountName)!,
                Role = Pick(f.Role, was.Role)!,
                Environment = Pick(f.Environment, was.Environment)!,
            };
            if (now != was || !current.ContainsKey(id)) rows.Add(now);
        }
        if (rows.Count > 0) await ch.InsertAsync("account_metadata", rows, ct: ct);
        return rows.Count;
    }

    /// <summary>The configured accounts' names, roles and environments (run at start-up; configuration changes need a restart).</summary>
    public static Task<int> ApplyConfiguredAsync(IClickHouse ch, CollectionOptions options, CancellationToken ct = default) =>
        UpsertAsync(ch, options.Accounts.Select(a => new AccountFacts(a.AccountId.Trim(), Blank(a.Name), Blank(a.Role), Blank(a.Environment))), ct);

    private static string? Pick(string? preferred, string? fallback) => string.IsNullOrWhiteSpace(preferred) ? fallback : preferred;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
