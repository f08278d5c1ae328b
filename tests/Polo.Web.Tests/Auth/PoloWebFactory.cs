using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Polo.Web.Tests.Auth;

/// <summary>
/// The real app (Program) in Production on the test engine's data path, in a database of its own, with the given sign-in
/// settings and no demo seeding (or on an existing test database, e.g. a demo estate's).
/// </summary>
public sealed class PoloWebFactory(IReadOnlyDictionary<string, string?> settings, string? database = null) : WebApplicationFactory<Program>
{
    public string Database { get; } = database ?? TestEngine.UniqueDatabase("web");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("ClickHouse:Transport", "embedded");
        builder.UseSetting("ClickHouse:DataPath", TestEngine.DataPath);
        builder.UseSetting("ClickHouse:Database", Database);
        builder.UseSetting("Polo:SeedDemoOnFirstRun", "false");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public static Dictionary<string, string?> Oidc(LoopbackOidcProvider idp) => new()
    {
        ["Auth:Mode"] = "oidc",
        ["Auth:Oidc:Authority"] = idp.Url,
        ["Auth:Oidc:ClientId"] = LoopbackOidcProvider.ClientId,
        ["Auth:Oidc:ClientSecret"] = LoopbackOidcProvider.ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
    };

    public const string CloudflareTeam = "polo-test.cloudflareaccess.com";
    public const string CloudflareAudience = "aud-0123456789abcdef";

    public static Dictionary<string, string?> Cloudflare(LoopbackOidcProvider keys) => new()
    {
        ["Auth:Mode"] = "cloudflare",
        ["Auth:Cloudflare:TeamDomain"] = CloudflareTeam,
        ["Auth:Cloudflare:Audience"] = CloudflareAudience,
        ["Auth:Cloudflare:CertsUrl"] = keys.Url + "/jwks",
        ["Auth:Admins:0"] = "root@example.com",
        ["Auth:Operators:0"] = "ops@example.com",
    };

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
    });
}
