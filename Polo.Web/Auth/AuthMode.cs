using Polo.Web.Operations;

namespace Polo.Web.Auth;

public enum AuthMode { Local, Oidc, Cloudflare }

/// <summary>Chooses the sign-in mode from configuration, or says in one line why the app must not start.</summary>
public static class AuthModeResolver
{
    public static AuthMode Resolve(PoloAuthOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var mode = options.Mode.Trim().ToLowerInvariant();
        var resolved = mode switch
        {
            "" or "local" when environment.IsDevelopment() => AuthMode.Local,
            "" => throw new StartupRefusedException(
                $"No identity is configured and the environment is {environment.EnvironmentName}: set Auth__Mode to 'oidc' or 'cloudflare' (see README, Sign-in); the local mode without sign-in runs only in Development."),
            "local" => throw new StartupRefusedException(
                $"Auth:Mode 'local' (no sign-in) runs only in Development, not in {environment.EnvironmentName}: set Auth__Mode to 'oidc' or 'cloudflare'."),
            "oidc" => AuthMode.Oidc,
            "cloudflare" => AuthMode.Cloudflare,
            _ => throw new StartupRefusedException($"Unknown Auth:Mode '{options.Mode}': use 'oidc', 'cloudflare' or (Development only) 'local'."),
        };
        if (resolved == AuthMode.Oidc)
            Need(("Auth:Oidc:Authority", options.Oidc.Authority), ("Auth:Oidc:ClientId", options.Oidc.ClientId));
        if (resolved == AuthMode.Cloudflare)
            Need(("Auth:Cloudflare:TeamDomain", options.Cloudflare.TeamDomain == "" && options.Cloudflare.Issuer == "" ? "" : "set"),
                ("Auth:Cloudflare:Audience", options.Cloudflare.Audience));
        if (options.DefaultRole != "" && Polo.Data.Access.Roles.Parse(options.DefaultRole) is null)
            throw new StartupRefusedException($"Auth:DefaultRole '{options.DefaultRole}' is not a role: use viewer, operator, admin or ''.");
        return resolved;
    }

    private static void Need(params (string Key, string Value)[] settings)
    {
        var missing = settings.Where(s => string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key).ToList();
        if (missing.Count > 0)
            throw new StartupRefusedException($"Sign-in is not fully configured: {string.Join(" and ", missing)} must be set (see README, Sign-in).");
    }
}
