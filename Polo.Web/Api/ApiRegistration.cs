using Polo.Web.Auth;
using Polo.Web.Operations;
using Scalar.AspNetCore;

namespace Polo.Web.Api;

/// <summary>
/// The REST API under <c>/api/v1</c> (cost ×4, delta ×3, resources ×4, hierarchy ×2, health; collector runs and
/// running a collector, me), its
/// OpenAPI document (<c>/api/v1/openapi.json</c>) and UI (<c>/api/docs</c>). Every endpoint needs a viewer (the fallback
/// policy); scripts authenticate with an API token (<c>Authorization: Bearer polo_…</c>).
/// </summary>
public static class ApiRegistration
{
    public const string Prefix = "/api/v1";
    public const string OpenApiPath = Prefix + "/openapi.json";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddPoloApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1");
        services.AddSingleton<Readiness>();
        services.AddHostedService<Polo.Web.Cli.AppAddressFile>();
        return services;
    }

    public static WebApplication MapPoloApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix);
        api.MapGet("/me", (HttpContext ctx) => PoloClaims.ActorOf(ctx.User) is var a ? Results.Ok(new { name = a.Name, role = a.Role }) : Results.Unauthorized())
            .WithTags("Me").WithSummary("Who the caller is and which role it has.");
        CostEndpoints.Map(api);
        DeltaEndpoints.Map(api);
        ResourceEndpoints.Map(api);
        HierarchyEndpoints.Map(api);
        HealthEndpoints.MapApi(api);
        CollectorEndpoints.Map(api);
        CollectorRunEndpoint.Map(api);
        app.MapOpenApi(OpenApiPath);
        app.MapScalarApiReference(DocsPath, o => o.WithTitle("Polo API").WithOpenApiRoutePattern(OpenApiPath));
        return app;
    }
}
