using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Accounts;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Web.Components.Pages.Delta;
using Polo.Web.Components.Pages.Explain;
using Polo.Web.Services;
using Polo.Web.Services.Warming;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Warming;

[Collection(RepricedDemoEstate.Collection)]
public sealed class DefaultViewWarmerTests(RepricedDemoEstate estate) : WebTestContext(estate.Ch)
{
    private DefaultViewWarmer Warmer() => new(Get<ICostQueries>(), Get<IDeltaDecomposer>(), Get<IHierarchyQueries>(), Get<ICurrencyQueries>(),
        Get<AccountDirectory>(), Get<DataChangeNotifier>(), Get<DemoSeedStatus>(), NullLogger<DefaultViewWarmer>.Instance);

    [Fact]
    public async Task After_a_warm_up_the_default_explain_view_computes_nothing()
    {
        await Warmer().WarmAsync(CancellationToken.None);
        var decompositions = Get<AnalysisCaches>().Decompositions;
        var (computed, hits) = (decompositions.Computations, decompositions.Hits);
        Assert.True(computed >= 2, "the warm-up computes the default range by customer and by cluster");

        var cut = RenderAt<ExplainPage>("/explain");
        cut.WaitUntilLoaded();
        Assert.Equal(computed, decompositions.Computations);
        Assert.True(decompositions.Hits > hits);
    }

    /// <summary>Every load of a warmed default view completes without a query, so its first render is the finished page:
    /// in the browser the circuit's first render batch is the page itself, not a loading bar and then a second batch.</summary>
    [Fact]
    public Task After_a_warm_up_explain_renders_loaded_at_once() => RendersLoadedAtOnceAsync<ExplainPage>("/explain", "cause-row");

    [Fact]
    public Task After_a_warm_up_the_cost_delta_renders_loaded_at_once() => RendersLoadedAtOnceAsync<DeltaPage>("/delta", "delta-nodes");

    [Fact]
    public Task After_a_warm_up_the_hierarchy_renders_loaded_at_once() => RendersLoadedAtOnceAsync<Polo.Web.Components.Pages.Hierarchy.Hierarchy>("/hierarchy", "hierarchy-node");

    private async Task RendersLoadedAtOnceAsync<TPage>(string path, string content) where TPage : IComponent
    {
        await Warmer().WarmAsync(CancellationToken.None);
        Render<MudBlazor.MudPopoverProvider>();
        Nav.NavigateTo(path);
        var cut = Render<TPage>(); // no waiting: the first render must already be the loaded page
        Assert.Empty(cut.FindAll("[data-testid='loading']"));
        Assert.NotEmpty(cut.FindAll($"[data-testid='{content}']"));
    }

    [Fact]
    public async Task A_write_of_cost_warms_again_in_the_background()
    {
        var warmer = Warmer();
        await warmer.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntil(() => warmer.Runs >= 1);
            Get<DataChangeNotifier>().Publish(DataKinds.Cost, 1);
            await WaitUntil(() => warmer.Runs >= 2);
        }
        finally
        {
            await warmer.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitUntil(Func<bool> done)
    {
        var until = DateTime.UtcNow + Timeout;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, "timed out");
            await Task.Delay(50);
        }
    }
}
