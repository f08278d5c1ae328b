namespace Polo.Web.Operations;

/// <summary>
/// Content-Security-Policy and the usual hardening headers on every response. Scripts only from Polo itself
/// (<c>script-src 'self'</c>); styles also inline (<c>'unsafe-inline'</c>: MudBlazor and Plotly set style attributes);
/// the circuit's WebSocket is same-origin. The API docs page (Scalar) boots with an inline script and is the one
/// exception, scoped to <c>/api/docs</c>.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static WebApplication UsePoloSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((ctx, next) =>
        {
            var headers = ctx.Response.Headers;
            headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments(Api.ApiRegistration.DocsPath) ? DocsPolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return next(ctx);
        });
        return app;
    }
}
