using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Polo.Web.Auth;

/// <summary>
/// Reverse-proxy mode behind Cloudflare Access: every request carries the Access JWT in the <c>Cf-Access-Jwt-Assertion</c>
/// header (or the <c>CF_Authorization</c> cookie Access sets), checked here against the team's JWKS (RS256), issuer,
/// audience (the application's AUD tag) and lifetime. No session of Polo's own: Access re-signs on every request.
/// </summary>
public sealed class CloudflareAccessHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    CloudflareAccessValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "cloudflare";
    public const string Header = "Cf-Access-Jwt-Assertion";
    public const string Cookie = "CF_Authorization";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers[Header].FirstOrDefault() is { Length: > 0 } h ? h : Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(token)) return AuthenticateResult.NoResult();
        var result = await validator.ValidateAsync(token, Context.RequestAborted);
        if (!result.IsValid)
        {
            Logger.LogWarning("Cloudflare Access token refused: {Reason}", result.Exception?.Message.Split('\n')[0] ?? "invalid");
            return AuthenticateResult.Fail("The Cloudflare Access token is not valid.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(result.ClaimsIdentity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Response.WriteAsync("Sign in through Cloudflare Access: this address must be reached through the Access application.");
    }
}

/// <summary>Validates Cloudflare Access JWTs; the team's keys are fetched once and refreshed when an unknown key appears.</summary>
public sealed class CloudflareAccessValidator
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _keys;
    private readonly CloudflareSettings _settings;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public CloudflareAccessValidator(PoloAuthOptions options, IHttpClientFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _settings = options.Cloudflare;
        var requireHttps = _settings.EffectiveCertsUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        _keys = new ConfigurationManager<OpenIdConnectConfiguration>(_settings.EffectiveCertsUrl, new JwksRetriever(),
            new HttpDocumentRetriever(http.CreateClient(nameof(CloudflareAccessValidator))) { RequireHttps = requireHttps });
    }

    public async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken ct)
    {
        var result = await ValidateWithKeysAsync(token, ct).ConfigureAwait(false);
        if (result.IsValid || result.Exception is not SecurityTokenSignatureKeyNotFoundException) return result;
        _keys.RequestRefresh(); // rotated keys: fetch again once
        return await ValidateWithKeysAsync(token, ct).ConfigureAwait(false);
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token, CancellationToken ct)
    {
        OpenIdConnectConfiguration config;
        try { config = await _keys.GetConfigurationAsync(ct).ConfigureAwait(false); }
        catch (InvalidOperationException e) { return new TokenValidationResult { IsValid = false, Exception = e }; }
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _settings.EffectiveIssuer,
            ValidAudience = _settings.Audience,
            IssuerSigningKeys = config.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = "email",
        }).ConfigureAwait(false);
    }
}
