using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Polo.Collection.Inventory.Safety;
using Polo.Data.Access;

namespace Polo.Web.Auth;

/// <summary>
/// Sign-in for the whole app: one policy scheme ("polo") that forwards to the configured mode (local, OIDC with a
/// cookie session, or Cloudflare Access), or to an API token when the request carries one. Every endpoint needs a
/// viewer unless it allows anonymous access explicitly (the fallback policy).
/// </summary>
public static class AuthRegistration
{
    public const string PolicyScheme = "polo";

    /// <summary>Registers sign-in; throws <see cref="Operations.StartupRefusedException"/> when the configuration must not start.</summary>
    public static AuthMode AddPoloAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PoloAuthOptions();
        builder.Configuration.GetSection(PoloAuthOptions.Section).Bind(options);
        var mode = AuthModeResolver.Resolve(options, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new AuthModeInfo(mode));
        services.AddHttpContextAccessor();
        services.AddHttpClient();
        services.AddSingleton<IClaimsTransformation, RoleResolver>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddSingleton(sp => new ApiTokenStore(sp.GetRequiredService<Polo.Data.IClickHouse>()));
        services.AddSingleton<IDeletionConfirmationPolicy, OperatorRolePolicy>();
        services.AddCascadingAuthenticationState();
        services.AddAuthorization(AuthPolicies.Add);

        var main = mode switch
        {
            AuthMode.Local => LocalModeHandler.SchemeName,
            AuthMode.Cloudflare => CloudflareAccessHandler.SchemeName,
            _ => CookieAuthenticationDefaults.AuthenticationScheme,
        };
        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = PolicyScheme;
            o.DefaultChallengeScheme = PolicyScheme;
        });
        auth.AddPolicyScheme(PolicyScheme, "Polo", o =>
        {
            o.ForwardDefaultSelector = ctx => ApiTokens.ApiTokenHandler.Carries(ctx.Request) ? ApiTokens.ApiTokenHandler.SchemeName : main;
            if (mode == AuthMode.Oidc)
                o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
        });
        auth.AddScheme<AuthenticationSchemeOptions, ApiTokens.ApiTokenHandler>(ApiTokens.ApiTokenHandler.SchemeName, null);
        switch (mode)
        {
            case AuthMode.Local:
                auth.AddScheme<AuthenticationSchemeOptions, LocalModeHandler>(LocalModeHandler.SchemeName, null);
                break;
            case AuthMode.Cloudflare:
                services.AddSingleton<CloudflareAccessValidator>();
                auth.AddScheme<AuthenticationSchemeOptions, CloudflareAccessHandler>(CloudflareAccessHandler.SchemeName, null);
                break;
            case AuthMode.Oidc:
                auth.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, OidcSetup.Cookie);
                auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o => OidcSetup.OpenIdConnect(o, options.Oidc));
                break;
        }
        return mode;
    }

    /// <summary>Authentication and authorization middleware, and /signout.</summary>
    public static WebApplication UsePoloAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mode = app.Services.GetRequiredService<AuthModeInfo>().Mode;
        if (mode == AuthMode.Local)
            app.Logger.LogWarning("LOCAL MODE: no sign-in, everyone is admin. Development only; set Auth:Mode to oidc or cloudflare for anything else.");
        else
            app.Logger.LogInformation("Sign-in: {Mode}", mode);
        // APIs and the hub answer 401/403 as they are; the pages' status-code re-execution would turn them into a sign-in redirect.
        app.Use((ctx, next) =>
        {
            if (OidcSetup.IsApiOrHub(ctx.Request) && ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(ctx);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        if (mode == AuthMode.Oidc)
            app.MapGet("/signout", async (HttpContext ctx) =>
            {
                await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                await ctx.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
            });
        return app;
    }
}

/// <summary>The sign-in mode the app runs in (for the local-mode banner and /readyz).</summary>
public sealed record AuthModeInfo(AuthMode Mode);
