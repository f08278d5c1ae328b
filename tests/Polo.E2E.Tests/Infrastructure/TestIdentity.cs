using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Polo.E2E.Tests.Infrastructure;

/// <summary>
/// The E2E app runs in Production behind a stand-in for Cloudflare Access: this serves the team's JWKS on loopback and
/// signs the Access token (RS256, issuer and audience as configured) the browser carries in the CF_Authorization cookie.
/// </summary>
public sealed class TestIdentity : IDisposable
{
    public const string Team = "polo-e2e.cloudflareaccess.com";
    public const string Audience = "aud-e2e";
    public const string AdminEmail = "e2e-admin@example.com";

    private readonly HttpListener _listener = new();
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly string _kid = "e2e-" + Guid.NewGuid().ToString("N")[..8];

    public string CertsUrl { get; }

    public TestIdentity()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            CertsUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/cdn-cgi/access/certs";
            probe.Stop();
        }
        _listener.Prefixes.Add(CertsUrl[..(CertsUrl.IndexOf("/cdn-cgi", StringComparison.Ordinal) + 1)]);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The app's settings for this identity (Cloudflare mode; <see cref="AdminEmail"/> is an admin).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth__Mode"] = "cloudflare",
        ["Auth__Cloudflare__TeamDomain"] = Team,
        ["Auth__Cloudflare__Audience"] = Audience,
        ["Auth__Cloudflare__CertsUrl"] = CertsUrl,
        ["Auth__Admins__0"] = AdminEmail,
    };

    /// <summary>A signed Access token for <paramref name="email"/>, valid for two hours.</summary>
    public string Token(string email = AdminEmail) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["iss"] = "https://" + Team, ["aud"] = Audience, ["email"] = email, ["sub"] = email, ["type"] = "app" },
        Expires = DateTime.UtcNow.AddHours(2),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = _kid }, SecurityAlgorithms.RsaSha256),
    });

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try
            {
                var p = _rsa.ExportParameters(false);
                var body = JsonSerializer.SerializeToUtf8Bytes(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _kid, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
                ctx.Response.ContentType = "application/json";
                await ctx.Response.OutputStream.WriteAsync(body);
            }
            catch (Exception e) when (e is HttpListenerException or IOException) { }
            finally { ctx.Response.Close(); }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _rsa.Dispose();
    }
}
