using Microsoft.AspNetCore.Components.Authorization;
using Polo.Data.Access;

namespace Polo.Web.Auth;

/// <summary>
/// The user of this Blazor circuit (its authentication state, fixed when the circuit started) or of this HTTP request.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, AuthenticationStateProvider? state = null) : ICurrentUser
{
    public async Task<Actor> GetAsync()
    {
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } user) return PoloClaims.ActorOf(user);
        if (state is null) return Actor.Anonymous;
        try
        {
            return PoloClaims.ActorOf((await state.GetAuthenticationStateAsync()).User);
        }
        catch (InvalidOperationException)
        {
            return Actor.Anonymous; // outside a circuit and outside a request
        }
    }
}
