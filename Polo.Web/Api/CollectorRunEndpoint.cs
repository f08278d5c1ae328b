using Polo.Collection.Runs;
using Polo.Data.Access;
using Polo.Web.Auth;

namespace Polo.Web.Api;

/// <summary>What one run of a collector did, unit by unit (the answer of <c>POST /api/v1/collectors/{name}/runs</c>).</summary>
public sealed record CollectorRunReport(string Collector, string BatchId, IReadOnlyList<CollectorRunRow> Units);

/// <summary>
/// <c>POST /api/v1/collectors/{name}/runs</c>: runs a collector once, as Run now on /collectors does (same runner, run
/// records and follow-ups), waits for it and answers what it did. Operators only. This is how the command-line
/// <c>collect</c> verb runs a collector while the app holds the embedded engine's data directory. The run belongs to
/// the app, not the request: a client that goes away does not stop it. The body must be JSON (<c>{}</c>), so a
/// cross-site form post cannot start one.
/// </summary>
internal static class CollectorRunEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/collectors/{name}/runs", async (string name, HttpContext ctx, CollectorRunner runner,
            IHostApplicationLifetime lifetime, ILoggerFactory logs) =>
        {
            if (!ctx.Request.HasJsonContentType())
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON body required",
                    detail: "Send Content-Type: application/json with a body of {}.");
            if (runner.Find(name) is null)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown collector",
                    detail: $"'{name}' is not a collector: use one of {string.Join(", ", runner.CollectorNames.Order(StringComparer.Ordinal))}.");
            logs.CreateLogger(typeof(CollectorRunEndpoint)).LogInformation("Collector {Collector} run requested over the API by {Actor}", name, PoloClaims.ActorOf(ctx.User));
            var run = Task.Run(() => runner.RunAsync(name, RunTrigger.Manual, lifetime.ApplicationStopping), CancellationToken.None);
            var result = await run.WaitAsync(ctx.RequestAborted);
            if (result.Refused is { } refused)
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Collector disabled", detail: refused);
            if (result.AlreadyRunning)
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already running",
                    detail: $"{result.Collector} is already running; its run shows on /collectors.");
            return Results.Ok(new CollectorRunReport(result.Collector, result.BatchId, result.Units));
        }).RequireAuthorization(Roles.Operator)
          .WithTags("Collectors")
          .WithSummary("Run a collector now and wait for it (operators; body {}). Answers each unit's status, rows and detail.");
    }
}
