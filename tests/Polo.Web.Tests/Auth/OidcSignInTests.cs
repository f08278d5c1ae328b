using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Access;

namespace Polo.Web.Tests.Auth;

/// <summary>The whole OpenID Connect code flow (PKCE, nonce, state) against the loopback provider, through the real app.</summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private readonly LoopbackOidcProvider _idp = new();
    private PoloWebFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new PoloWebFactory(PoloWebFactory.Oidc(_idp));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _idp.Dispose();
    }

    private sealed record Me(string Name, string? Role);

    /// <summary>Follows the sign-in: app → provider's authorize → app's /signin-oidc → back to <paramref name="path"/>.</summary>
    private async Task<HttpClient> SignInAsync(LoopbackOidcProvider.TestUser user, string path = "/collectors")
    {
        _idp.NextUser = user;
        var client = _app.Client();
        var challenge = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_idp.Url + "/authorize", authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge=", authorize.Query, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var callback = (await browser.GetAsync(authorize)).Headers.Location!;
        Assert.Equal("/signin-oidc", callback.AbsolutePath);

        var signedIn = await client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(path, signedIn.Headers.Location!.OriginalString);
        return client;
    }

    [Fact]
    public async Task An_operator_signs_in_through_the_provider_and_gets_the_role_its_id_token_names()
    {
        var client = await SignInAsync(new("ops@example.com", "operator"));
        Assert.Equal(1, _idp.TokenRequests);
        var page = await client.GetAsync("/collectors");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Local mode", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"signed-in-name\">ops@example.com<", html, StringComparison.Ordinal); // the app bar names the user
        Assert.Contains("href=\"/signout\"", html, StringComparison.Ordinal); // and offers sign-out (the app owns an OIDC session)
        Assert.Equal(new Me("ops@example.com", Roles.Operator), await client.GetFromJsonAsync<Me>("/api/v1/me"));
    }

    [Fact]
    public async Task A_user_without_a_role_claim_is_a_viewer_and_a_forged_polo_role_claim_is_ignored()
    {
        var client = await SignInAsync(new("vera@example.com", "polo_role:admin"));
        Assert.Equal(new Me("vera@example.com", Roles.Viewer), await client.GetFromJsonAsync<Me>("/api/v1/me"));
    }

    [Fact]
    public async Task A_tampered_callback_is_refused_and_leaves_no_session()
    {
        var client = _app.Client();
        var challenge = await client.GetAsync("/");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var callback = (await browser.GetAsync(challenge.Headers.Location!)).Headers.Location!;
        var forged = callback.PathAndQuery.Replace("code=", "code=x", StringComparison.Ordinal);
        var refused = await client.GetAsync(forged);
        Assert.NotEqual("/", refused.Headers.Location?.OriginalString);
        var after = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task An_api_token_authenticates_with_its_role_until_it_is_revoked()
    {
        var tokens = _app.Services.GetRequiredService<ApiTokenStore>();
        var admin = new Actor("root@example.com", Roles.Admin);
        var created = await tokens.CreateAsync("nightly export", Roles.Viewer, admin);
        Assert.StartsWith(ApiTokenStore.Prefix, created.Token, StringComparison.Ordinal);
        var client = _app.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Token);
        Assert.Equal(new Me("token:nightly export", Roles.Viewer), await client.GetFromJsonAsync<Me>("/api/v1/me"));

        using var wrong = _app.Client();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", created.Token[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/me")).StatusCode);

        Assert.True(await tokens.RevokeAsync(created.Info.Id, admin));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.False(await tokens.RevokeAsync(created.Info.Id, admin));
        var listed = Assert.Single(await tokens.ListAsync(admin), t => t.Id == created.Info.Id);
        Assert.True(listed.Revoked);
        await Assert.ThrowsAsync<AccessDeniedException>(() => tokens.CreateAsync("x", Roles.Admin, new Actor("ops", Roles.Operator)));
    }
}
