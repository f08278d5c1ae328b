using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Polo.Web.Tests.Auth;

/// <summary>
/// An OpenID Connect provider on loopback speaking the real wire format: discovery, JWKS, an authorize endpoint that
/// signs in <see cref="NextUser"/> at once (redirecting back with a code), and a token endpoint that checks the code,
/// client secret and PKCE verifier and answers an RS256 id_token with the request's nonce. Its key also signs
/// Cloudflare Access-style tokens (<see cref="Sign"/>).
/// </summary>
public sealed class LoopbackOidcProvider : IDisposable
{
    public const string ClientId = "polo-test";
    public const string ClientSecret = "test-secret";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge, string RedirectUri, TestUser User)> _codes = new();

    public sealed record TestUser(string Email, params string[] Roles);

    public string Url { get; }
    public string KeyId { get; } = "k-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Who the next authorize request signs in.</summary>
    public TestUser NextUser { get; set; } = new("ops@example.com", "operator");

    private int _tokenRequests;

    public int TokenRequests => _tokenRequests;

    public LoopbackOidcProvider()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
            probe.Stop();
        }
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>An RS256 JWT signed with this provider's key.</summary>
    public string Sign(IDictionary<string, object> claims, DateTime? expires = null, SecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
        });

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            try { await HandleAsync(ctx); }
            catch (Exception e) when (e is HttpListenerException or IOException or InvalidOperationException) { }
            finally { ctx.Response.Close(); }
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        switch (path)
        {
            case "/.well-known/openid-configuration":
                await JsonAsync(ctx, new Dictionary<string, object>
                {
                    ["issuer"] = Url,
                    ["authorization_endpoint"] = Url + "/authorize",
                    ["token_endpoint"] = Url + "/token",
                    ["jwks_uri"] = Url + "/jwks",
                    ["end_session_endpoint"] = Url + "/logout",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["code_challenge_methods_supported"] = new[] { "S256" },
                });
                break;
            case "/jwks":
                var p = _rsa.ExportParameters(false);
                await JsonAsync(ctx, new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
                break;
            case "/authorize":
                var q = HttpUtility.ParseQueryString(ctx.Request.Url.Query);
                if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256")
                {
                    ctx.Response.StatusCode = 400;
                    return;
                }
                var code = Guid.NewGuid().ToString("N");
                _codes[code] = (q["nonce"] ?? "", q["code_challenge"] ?? "", q["redirect_uri"] ?? "", NextUser);
                ctx.Response.StatusCode = 302;
                ctx.Response.RedirectLocation = $"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"] ?? "")}";
                break;
            case "/token":
                Interlocked.Increment(ref _tokenRequests);
                using (var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8))
                {
                    var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
                    if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"] ?? "", out var grant)
                        || form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["redirect_uri"] != grant.RedirectUri
                        || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"] ?? ""))) != grant.Challenge)
                    {
                        ctx.Response.StatusCode = 400;
                        await JsonAsync(ctx, new { error = "invalid_grant" });
                        return;
                    }
                    var idToken = Sign(new Dictionary<string, object>
                    {
                        ["iss"] = Url, ["aud"] = ClientId, ["sub"] = grant.User.Email, ["email"] = grant.User.Email,
                        ["nonce"] = grant.Nonce, ["roles"] = grant.User.Roles,
                    });
                    await JsonAsync(ctx, new { access_token = "at-" + Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 600, id_token = idToken });
                }
                break;
            default:
                ctx.Response.StatusCode = 404;
                break;
        }
    }

    private static async Task JsonAsync(HttpListenerContext ctx, object body)
    {
        ctx.Response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        await ctx.Response.OutputStream.WriteAsync(bytes);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _rsa.Dispose();
        _stop.Dispose();
    }
}
