using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Polo.Data;

namespace Polo.Web.Cli;

/// <summary>
/// How the command line finds the running app: while the app runs on the embedded engine it writes the address it
/// listens on into the data directory it holds (<c>polo-app-&lt;database&gt;.url</c>) and removes it when it stops.
/// The <c>collect</c> verb, finding the data directory locked, sends the run to that address.
/// </summary>
public sealed class AppAddressFile(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration,
    ILogger<AppAddressFile> log) : IHostedService
{
    public static string PathFor(ClickHouseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(Path.GetFullPath(options.DataPath), $"polo-app-{options.Database}.url");
    }

    /// <summary>The running app's base address for this configuration, or null when none was announced.</summary>
    public static Uri? Read(IConfiguration configuration)
    {
        var path = PathFor(ClickHouseOptions.From(configuration));
        try
        {
            return File.Exists(path) && Uri.TryCreate(File.ReadAllText(path).Trim(), UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A listening address as a client on this machine reaches it (wildcard hosts become loopback).</summary>
    public static Uri? Reachable(IEnumerable<string> addresses)
    {
        var uris = addresses.Select(a => a.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://[::1]", StringComparison.Ordinal))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var u) ? u : null).OfType<Uri>().ToList();
        return uris.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp) ?? uris.FirstOrDefault();
    }

    private string? _written;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ClickHouseOptions.From(configuration);
        if (!string.Equals(options.Transport, "embedded", StringComparison.OrdinalIgnoreCase)) return Task.CompletedTask;
        lifetime.ApplicationStarted.Register(() =>
        {
            if (Reachable(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) is not { } address) return;
            try
            {
                var path = PathFor(options);
                File.WriteAllText(path, address.ToString().TrimEnd('/') + "\n");
                _written = path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning("Could not write the app's address for the command line: {Error}", e.Message);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_written is { } path)
            try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
