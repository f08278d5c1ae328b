using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Polo.Data.Access;

namespace Polo.Web.Auth;

/// <summary>
/// Gives every signed-in principal exactly one Polo role (<see cref="PoloClaims.Role"/>): the highest of the roles its
/// role/group claims name (a value "operator", or a value listed under Auth:Operators/Admins), its email or name listed
/// there, else Auth:DefaultRole. A <c>polo_role</c> claim that came in a token is dropped, never trusted.
/// </summary>
public sealed class RoleResolver(PoloAuthOptions options) : IClaimsTransformation
{
    public string? RoleOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var values = options.RoleClaims.SelectMany(t => user.FindAll(t)).Select(c => c.Value)
            .Concat([PoloClaims.NameOf(user)]).ToList();
        bool Listed(List<string> list) => values.Any(v => list.Contains(v, StringComparer.OrdinalIgnoreCase));
        var candidates = values.Select(Roles.Parse).ToList();
        if (Listed(options.Admins)) candidates.Add(Roles.Admin);
        if (Listed(options.Operators)) candidates.Add(Roles.Operator);
        return Roles.Highest(candidates) ?? Roles.Parse(options.DefaultRole);
    }

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity) return Task.FromResult(principal);
        if (identity.AuthenticationType is PoloClaims.LocalType or PoloClaims.TokenType) return Task.FromResult(principal);
        var resolved = new ClaimsIdentity(identity.Claims.Where(c => c.Type != PoloClaims.Role), identity.AuthenticationType,
            identity.NameClaimType, identity.RoleClaimType);
        if (RoleOf(principal) is { } role) resolved.AddClaim(new Claim(PoloClaims.Role, role));
        return Task.FromResult(new ClaimsPrincipal(resolved));
    }
}
