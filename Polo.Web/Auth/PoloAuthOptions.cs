namespace Polo.Web.Auth;

/// <summary>The <c>Auth</c> section: how people sign in and which role each gets.</summary>
public sealed class PoloAuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>local</c> (no sign-in, Development only), <c>oidc</c> or <c>cloudflare</c>. Empty: local in Development, refused elsewhere.</summary>
    public string Mode { get; set; } = "";

    public OidcSettings Oidc { get; set; } = new();
    public CloudflareSettings Cloudflare { get; set; } = new();

    /// <summary>Claim types whose values name a role or a group (the IdP's roles/groups claims).</summary>
    public List<string> RoleClaims { get; set; } = ["roles", "groups"];

    /// <summary>Users (email or name) or groups (claim values) that are admins.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Users (email or name) or groups (claim values) that are operators.</summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>The role of a signed-in user nothing else gives a role to; empty refuses such users (403).</summary>
    public string DefaultRole { get; set; } = Polo.Data.Access.Roles.Viewer;
}

public sealed class OidcSettings
{
    /// <summary>The issuer, e.g. https://login.microsoftonline.com/TENANT/v2.0 (its /.well-known/openid-configuration is read).</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];
    public bool RequireHttpsMetadata { get; set; } = true;
}

public sealed class CloudflareSettings
{
    /// <summary>The team domain, e.g. <c>acme.cloudflareaccess.com</c> (issuer https://acme.cloudflareaccess.com).</summary>
    public string TeamDomain { get; set; } = "";

    /// <summary>The Access application's audience (AUD) tag.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The JWKS address; default https://TEAM/cdn-cgi/access/certs.</summary>
    public string CertsUrl { get; set; } = "";

    /// <summary>The issuer; default https://TEAM.</summary>
    public string Issuer { get; set; } = "";

    public string EffectiveIssuer => Issuer != "" ? Issuer.TrimEnd('/') : "https://" + TeamDomain.Trim().TrimEnd('/');
    public string EffectiveCertsUrl => CertsUrl != "" ? CertsUrl : EffectiveIssuer + "/cdn-cgi/access/certs";
}
