using Polo.Data.Caching;
using Polo.Data.Changes;

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
/// Names and roles of the accounts, so components can label account ids synchronously while they render. Pages call
/// <see cref="RefreshAsync"/> as they load: through the app's shared cache (<paramref name="cache"/>) the table is read
/// once per data version of <see cref="DataKinds.Metadata"/> (a visit's loads then never wait on it); without one, at
/// most every <see cref="MaxAge"/>.
/// </summary>
public sealed class AccountDirectory(IClickHouse ch, AnalysisCache? cache = null)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private volatile IReadOnlyDictionary<string, AccountInfo> _accounts = new Dictionary<string, AccountInfo>();
    private DateTime _loadedAt = DateTime.MinValue;

    public async Task RefreshAsync(CancellationToken ct = default)
    {
        if (cache is not null)
        {
            _accounts = await cache.GetOrComputeAsync(AnalysisCache.Key("accounts.directory"), DataKinds.Metadata, ReadAsync, ct)
                .ConfigureAwait(false);
            return;
        }
        if (DateTime.UtcNow - _loadedAt < MaxAge) return;
        _accounts = await ReadAsync(ct).ConfigureAwait(false);
        _loadedAt = DateTime.UtcNow;
    }

    private async Task<IReadOnlyDictionary<string, AccountInfo>> ReadAsync(CancellationToken ct)
    {
        var rows = await ch.QueryAsync<AccountInfo>("""
            SELECT account_id, argMax(account_name, updated_at) AS name, toString(argMax(role, updated_at)) AS role
            FROM account_metadata GROUP BY account_id
            """, ct: ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.AccountId);
    }

    public AccountInfo Find(string accountId) => _accounts.GetValueOrDefault(accountId) ?? new AccountInfo(accountId, "", "");

    public string Label(string accountId) => Find(accountId).Label;
}
