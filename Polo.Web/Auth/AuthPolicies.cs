using Microsoft.AspNetCore.Authorization;
using Polo.Data.Access;

namespace Polo.Web.Auth;

/// <summary>One authorization policy per role (named as the role); the fallback policy needs a viewer.</summary>
public static class AuthPolicies
{
    public static AuthorizationPolicy For(string role) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireAssertion(c => PoloClaims.ActorOf(c.User).Can(role)).Build();

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in Roles.All) options.AddPolicy(role, For(role));
        options.DefaultPolicy = For(Roles.Viewer);
        options.FallbackPolicy = For(Roles.Viewer);
    }
}
