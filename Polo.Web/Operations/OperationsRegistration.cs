using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Polo.Data.Telemetry;

namespace Polo.Web.Operations;

/// <summary>
/// Start-up checks, structured logs, OpenTelemetry (metrics with a Prometheus scrape endpoint at <c>/metrics</c>,
/// traces exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), security headers.
/// </summary>
public static class OperationsRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>Throws <see cref="StartupRefusedException"/> when this instance must not start.</summary>
    public static void AddPoloOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        DataDirectoryCheck.RefuseIfHeld(builder.Configuration);
        // Static web assets of packages (MudBlazor, blazor.web.js) from build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        // Structured logs: JSON lines outside Development (Polo:LogFormat = json | text).
        var format = builder.Configuration["Polo:LogFormat"] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
                o.IncludeScopes = true;
            });
        }

        builder.Services.AddSingleton<CircuitHandler, CircuitCounter>();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("polo"))
            .WithMetrics(m => m.AddMeter(PoloTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter())
            .WithTracing(t =>
            {
                t.AddSource(PoloTelemetry.Name).AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(MetricsPath));
                if (otlp) t.AddOtlpExporter();
            });
    }

    /// <summary>Security headers (first, so every response has them).</summary>
    public static WebApplication UsePoloOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UsePoloSecurityHeaders();
        return app;
    }

    /// <summary>/metrics (Prometheus text; needs a viewer — scrape with an API token), /healthz, /readyz.</summary>
    public static WebApplication MapPoloOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        HealthEndpoints.Map(app);
        return app;
    }
}
