using System.Security.Claims;
using Polo.Data.Access;

namespace Polo.Web.Auth;

/// <summary>The claims Polo itself puts on a principal: one role claim, resolved once per request.</summary>
public static class PoloClaims
{
    /// <summary>The role Polo resolved (viewer, operator, admin); never read from a token.</summary>
    public const string Role = "polo_role";

    /// <summary>Authentication types whose principals Polo builds itself (their role claim is trusted as is).</summary>
    public const string LocalType = "polo-local";
    public const string TokenType = "polo-token";

    /// <summary>The actor of a principal: its name (email, name or subject) and its resolved role.</summary>
    public static Actor ActorOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Actor.Anonymous;
        return new Actor(NameOf(user), Roles.Parse(user.FindFirst(Role)?.Value));
    }

    public static string NameOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst("email")?.Value ?? user.FindFirst(ClaimTypes.Email)?.Value ?? user.Identity?.Name
            ?? user.FindFirst("name")?.Value ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
    }
}
