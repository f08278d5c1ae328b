namespace Polo.Web.Operations;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (<see cref="Readiness"/>), both anonymous for load balancers
/// and orchestrators: they answer only "ok"/"ready" or the names of failing checks, never a detail.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (Readiness readiness, CancellationToken ct) =>
        {
            var checks = await readiness.CheckAsync(ct);
            var failing = checks.Where(c => !c.Ok).Select(c => c.Name).ToList();
            return failing.Count == 0
                ? Results.Text("ready")
                : Results.Text("not ready: " + string.Join(", ", failing), statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The API's health (signed in, viewer): every check with its detail.</summary>
    public static void MapApi(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/health", async (Readiness readiness, CancellationToken ct) =>
        {
            var checks = await readiness.CheckAsync(ct);
            var body = new { status = checks.All(c => c.Ok) ? "ready" : "not ready", checks };
            return checks.All(c => c.Ok) ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").WithSummary("Readiness with details: engine, migrations, collectors.");
    }

}
