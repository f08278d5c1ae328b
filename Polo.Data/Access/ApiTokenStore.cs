using System.Security.Cryptography;
using System.Text;

namespace Polo.Data.Access;

/// <summary>An API token as listed (never with its secret).</summary>
public sealed record ApiToken(string Id, string Name, string Role, string CreatedBy, DateTime CreatedAt, string RevokedBy, DateTime? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>A token just created: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedApiToken(ApiToken Info, string Token);

/// <summary>
/// API tokens for scripts (migration 070): stored as the SHA-256 of their secret, scoped to one role, revocable.
/// Creating, listing and revoking need an admin. A token reads as <c>polo_&lt;id&gt;_&lt;secret&gt;</c>.
/// </summary>
public sealed class ApiTokenStore(IClickHouse ch, TimeProvider? clock = null)
{
    public const string Prefix = "polo_";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private sealed record Row(string TokenId, DateTime Version, string Name, string Role, string SecretHash, string CreatedBy,
        DateTime CreatedAt, string RevokedBy, DateTime? RevokedAt);

    public async Task<CreatedApiToken> CreateAsync(string name, string role, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "create API tokens");
        var trimmed = (name ?? "").Trim();
        if (trimmed == "") throw new ArgumentException("A token needs a name (what script uses it).");
        if (trimmed.Length > 200) throw new ArgumentException("A token's name is at most 200 characters.");
        var canonical = Roles.Parse(role) ?? throw new ArgumentException($"'{role}' is not a role: use viewer, operator or admin.");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(24));
        var now = Now();
        var row = new Row(id, now, trimmed, canonical, Hash(secret), actor.Name, now, "", null);
        await ch.InsertAsync("api_tokens", [row], ct: ct).ConfigureAwait(false);
        return new CreatedApiToken(ToToken(row), $"{Prefix}{id}_{secret}");
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "list API tokens");
        return (await NewestAsync(null, ct).ConfigureAwait(false)).Select(ToToken).OrderByDescending(t => t.CreatedAt).ToList();
    }

    /// <summary>Revokes a token; false when there is no such token or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(string id, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "revoke API tokens");
        var row = (await NewestAsync(id, ct).ConfigureAwait(false)).FirstOrDefault();
        if (row is null || row.RevokedAt is not null) return false;
        var now = Now();
        await ch.InsertAsync("api_tokens", [row with { Version = now > row.Version ? now : row.Version.AddMilliseconds(1), RevokedBy = actor.Name, RevokedAt = now }], ct: ct)
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>The actor a presented token stands for, or null when it is malformed, unknown or revoked.</summary>
    public async Task<Actor?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!TryParse(presented, out var id, out var secret)) return null;
        var row = (await NewestAsync(id, ct).ConfigureAwait(false)).FirstOrDefault();
        if (row is null || row.RevokedAt is not null) return null;
        var expected = Encoding.ASCII.GetBytes(row.SecretHash);
        var actual = Encoding.ASCII.GetBytes(Hash(secret));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual)) return null;
        return new Actor($"token:{row.Name}", Roles.Parse(row.Role));
    }

    public static bool TryParse(string? presented, out string id, out string secret)
    {
        id = secret = "";
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = presented[Prefix.Length..];
        var cut = rest.IndexOf('_', StringComparison.Ordinal);
        if (cut != 12 || rest.Length < cut + 20) return false;
        id = rest[..cut];
        secret = rest[(cut + 1)..];
        return id.All(char.IsAsciiHexDigitLower);
    }

    private async Task<List<Row>> NewestAsync(string? id, CancellationToken ct) =>
        await ch.QueryAsync<Row>("""
            SELECT token_id, version, name, role, secret_hash, created_by, created_at, revoked_by, revoked_at
            FROM api_tokens WHERE {id:String} = '' OR token_id = {id:String}
            ORDER BY token_id, version DESC LIMIT 1 BY token_id
            """, new QueryParams { ["id"] = id ?? "" }, ct).ConfigureAwait(false);

    private DateTime Now()
    {
        var t = _clock.GetUtcNow().UtcDateTime;
        return new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiToken ToToken(Row r) => new(r.TokenId, r.Name, r.Role, r.CreatedBy, r.CreatedAt, r.RevokedBy, r.RevokedAt);
}
