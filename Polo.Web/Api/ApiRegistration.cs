using Polo.Web.Auth;

namespace Polo.Web.Api;

/// <summary>The REST API under <c>/api/v1</c>: every endpoint needs a viewer (the fallback policy) unless it says more.</summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";

    public static WebApplication MapPoloApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix);
        api.MapGet("/me", (HttpContext ctx) => PoloClaims.ActorOf(ctx.User) is var a ? Results.Ok(new { name = a.Name, role = a.Role }) : Results.Unauthorized())
            .WithName("Me").WithSummary("Who the caller is and which role it has.");
        return app;
    }
}
