using Microsoft.Extensions.DependencyInjection;
using Polo.Web.Services.Warming;
using Polo.Web.Tests.Auth;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Warming;

/// <summary>The real app renders its default pages off any request (their code compiled before the first visitor).</summary>
[Collection(RepricedDemoEstate.Collection)]
public sealed class DefaultPageRendererTests(RepricedDemoEstate estate)
{
    [Fact]
    public async Task The_app_renders_each_default_page_without_a_request()
    {
        using var keys = new LoopbackOidcProvider();
        await using var app = new PoloWebFactory(PoloWebFactory.Cloudflare(keys), estate.Ch.Database);
        var (pages, _) = await app.Services.GetRequiredService<DefaultPageRenderer>().RenderAsync(CancellationToken.None);
        Assert.Equal(3, pages);
    }
}
