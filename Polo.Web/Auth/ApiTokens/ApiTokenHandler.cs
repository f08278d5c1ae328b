using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Polo.Data.Access;

namespace Polo.Web.Auth.ApiTokens;

/// <summary>
/// <c>Authorization: Bearer polo_…</c>: an API token (<see cref="ApiTokenStore"/>), looked up on every request so a
/// revoked token stops working at once. The principal carries the token's role.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api-token";
    private const string Bearer = "Bearer ";

    public static bool Carries(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.FirstOrDefault() is { } h && h.StartsWith(Bearer + ApiTokenStore.Prefix, StringComparison.Ordinal);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Carries(Request)) return AuthenticateResult.NoResult();
        var presented = Request.Headers.Authorization.First()![Bearer.Length..].Trim();
        if (await tokens.AuthenticateAsync(presented, Context.RequestAborted) is not { } actor)
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        var identity = new ClaimsIdentity([new Claim("name", actor.Name), new Claim(PoloClaims.Role, actor.Role ?? "")],
            PoloClaims.TokenType, "name", PoloClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
