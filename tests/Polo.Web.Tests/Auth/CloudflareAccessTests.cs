using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Polo.Data.Access;
using Polo.Web.Auth;

namespace Polo.Web.Tests.Auth;

/// <summary>Reverse-proxy mode: the Cf-Access-Jwt-Assertion header checked against the team JWKS, issuer and audience.</summary>
public sealed class CloudflareAccessTests : IAsyncLifetime
{
    private readonly LoopbackOidcProvider _keys = new();
    private PoloWebFactory _app = null!;

    private const string Issuer = "https://" + PoloWebFactory.CloudflareTeam;

    public Task InitializeAsync()
    {
        _app = new PoloWebFactory(PoloWebFactory.Cloudflare(_keys));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _keys.Dispose();
    }

    private sealed record Me(string Name, string? Role);

    private string Token(string email, string iss = Issuer, string aud = PoloWebFactory.CloudflareAudience, DateTime? expires = null, SecurityKey? key = null) =>
        _keys.Sign(new Dictionary<string, object> { ["iss"] = iss, ["aud"] = aud, ["sub"] = "sub-" + email, ["email"] = email, ["type"] = "app" }, expires, key);

    private async Task<HttpResponseMessage> GetAsync(string path, string? token, bool asCookie = false)
    {
        using var client = _app.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token != null && !asCookie) request.Headers.Add(CloudflareAccessHandler.Header, token);
        if (token != null && asCookie) request.Headers.Add("Cookie", $"{CloudflareAccessHandler.Cookie}={token}");
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("root@example.com", Roles.Admin)]
    [InlineData("ops@example.com", Roles.Operator)]
    [InlineData("someone@example.com", Roles.Viewer)]
    public async Task A_valid_access_token_signs_in_with_the_configured_role(string email, string role)
    {
        var response = await GetAsync("/api/v1/me", Token(email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Me(email, role), await response.Content.ReadFromJsonAsync<Me>());
        var page = await GetAsync("/collectors", Token(email));
        Assert.True(page.StatusCode == HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_CF_Authorization_cookie_is_accepted_like_the_header()
    {
        var response = await GetAsync("/api/v1/me", Token("ops@example.com"), asCookie: true);
        Assert.Equal(new Me("ops@example.com", Roles.Operator), await response.Content.ReadFromJsonAsync<Me>());
    }

    [Fact]
    public async Task Tokens_with_a_wrong_audience_issuer_key_or_lifetime_and_requests_without_one_are_refused()
    {
        using var otherRsa = RSA.Create(2048);
        var otherKey = new RsaSecurityKey(otherRsa) { KeyId = _keys.KeyId }; // same kid, different key: a forgery
        string?[] refused =
        [
            null,
            "not-a-jwt",
            Token("ops@example.com", aud: "another-app"),
            Token("ops@example.com", iss: "https://evil.cloudflareaccess.com"),
            Token("ops@example.com", expires: DateTime.UtcNow.AddMinutes(-5)),
            Token("ops@example.com", key: otherKey),
        ];
        foreach (var token in refused)
        {
            var response = await GetAsync("/collectors", token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"token {token?[..Math.Min(20, token.Length)]} answered {(int)response.StatusCode}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/v1/me", token)).StatusCode);
        }
    }
}
