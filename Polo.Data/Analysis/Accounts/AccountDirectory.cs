namespace Polo.Data.Analysis.Accounts;

/// <summary>An account's name and role as recorded in account_metadata (names also arrive from the bill).</summary>
public sealed record AccountInfo(string AccountId, string Name, string Role)
{
    /// <summary>"prod-search-us-1 · production (100000000001)", or the bare id when nothing is recorded.</summary>
    public string Label => (Name, Role) switch
    {
        ("", "") => AccountId,
        (_, "") => $"{Name} ({AccountId})",
        ("", _) => $"{Role} ({AccountId})",
        _ => $"{Name} · {Role} ({AccountId})",
    };
}

/// <summary>
/// Names and roles of the accounts, read from account_metadata at most every <see cref="MaxAge"/> (a small table) so
/// components can label account ids synchronously while they render. Pages call <see cref="RefreshAsync"/> as they load.
/// </summary>
public sealed class AccountDirectory(IClickHouse ch)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private volatile IReadOnlyDictionary<string, AccountInfo> _accounts = new Dictionary<string, AccountInfo>();
    private DateTime _loadedAt = DateTime.MinValue;

    public async Task RefreshAsync(CancellationToken ct = default)
    {
        if (DateTime.UtcNow - _loadedAt < MaxAge) return;
        var rows = await ch.QueryAsync<AccountInfo>("""
            SELECT account_id, argMax(account_name, updated_at) AS name, toString(argMax(role, updated_at)) AS role
            FROM account_metadata GROUP BY account_id
            """, ct: ct).ConfigureAwait(false);
        _accounts = rows.ToDictionary(r => r.AccountId);
        _loadedAt = DateTime.UtcNow;
    }

    public AccountInfo Find(string accountId) => _accounts.GetValueOrDefault(accountId) ?? new AccountInfo(accountId, "", "");

    public string Label(string accountId) => Find(accountId).Label;
}
