using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Polo.Web.Auth;

/// <summary>OpenID Connect (authorization code + PKCE) with a cookie session; APIs and the circuit hub get 401, not a redirect.</summary>
internal static class OidcSetup
{
    public static bool IsApiOrHub(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/_blazor");

    public static void Cookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "polo.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    public static void OpenIdConnect(OpenIdConnectOptions o, OidcSettings settings)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        if (settings.ClientSecret != "") o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.Scope.Clear();
        foreach (var scope in settings.Scopes) o.Scope.Add(scope);
        o.TokenValidationParameters.NameClaimType = "email";
        o.Events.OnRedirectToIdentityProvider = ctx =>
        {
            if (!IsApiOrHub(ctx.Request)) return Task.CompletedTask;
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            ctx.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
