using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Polo.Web.Auth;
using Polo.Web.Operations;

namespace Polo.Web.Tests.Auth;

public sealed class AuthModeTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Polo.Web";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void Development_without_identity_runs_the_local_mode_and_production_refuses_in_one_line()
    {
        Assert.Equal(AuthMode.Local, AuthModeResolver.Resolve(new PoloAuthOptions(), new Env("Development")));
        var e = Assert.Throws<StartupRefusedException>(() => AuthModeResolver.Resolve(new PoloAuthOptions(), new Env("Production")));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("Auth__Mode", e.Message, StringComparison.Ordinal);
        Assert.Throws<StartupRefusedException>(() => AuthModeResolver.Resolve(new PoloAuthOptions { Mode = "local" }, new Env("Production")));
        var partial = Assert.Throws<StartupRefusedException>(() => AuthModeResolver.Resolve(new PoloAuthOptions { Mode = "oidc" }, new Env("Production")));
        Assert.Contains("Auth:Oidc:Authority and Auth:Oidc:ClientId", partial.Message, StringComparison.Ordinal);
        Assert.Throws<StartupRefusedException>(() => AuthModeResolver.Resolve(new PoloAuthOptions { Mode = "cloudflare", Cloudflare = { TeamDomain = "t.cloudflareaccess.com" } }, new Env("Production")));
        Assert.Equal(AuthMode.Cloudflare, AuthModeResolver.Resolve(new PoloAuthOptions { Mode = "cloudflare", Cloudflare = { TeamDomain = "t.cloudflareaccess.com", Audience = "a" } }, new Env("Production")));
    }
}
