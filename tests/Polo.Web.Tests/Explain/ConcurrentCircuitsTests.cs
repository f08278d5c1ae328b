using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data;
using Polo.Data.Analysis;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Web.Components.Pages.Explain;
using Polo.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Polo.Web.Tests.Explain;

/// <summary>
/// 50 circuits open the same Explain view at once over one set of app singletons (engine, notifier, shared analysis
/// caches): none fails, the decomposition is computed once, and each circuit costs little memory because it holds the
/// shared result, not a copy.
/// </summary>
[Collection(RepricedDemoEstate.Collection)]
public sealed class ConcurrentCircuitsTests(RepricedDemoEstate estate, ITestOutputHelper output)
{
    private const int Circuits = 50;

    /// <summary>One circuit: its own renderer and navigation, the app's singletons.</summary>
    private sealed class Circuit : WebTestContext
    {
        public Circuit(IClickHouse ch, IServiceProvider app) : base(ch)
        {
            Services.AddSingleton(app.GetRequiredService<DataChangeNotifier>());
            Services.AddSingleton(app.GetRequiredService<IDeltaDecomposer>());
            Services.AddSingleton(app.GetRequiredService<ICostQueries>());
            Services.AddSingleton(app.GetRequiredService<IHierarchyQueries>());
            Services.AddSingleton(app.GetRequiredService<IResourceQueries>());
        }
    }

    [Fact]
    public async Task Fifty_circuits_open_one_view_without_error_and_share_its_computation()
    {
        await using var app = new ServiceCollection().AddSingleton<IClickHouse>(estate.Ch).AddSingleton<DataChangeNotifier>()
            .AddPoloAnalysis().BuildServiceProvider();
        var caches = app.GetRequiredService<AnalysisCaches>();
        var c = estate.Cause("scale-up-acme-search");
        var url = "/explain?" + RepricedDemoEstate.RangeQuery(c.Period, c.Baseline);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var circuits = Enumerable.Range(0, Circuits).Select(_ => new Circuit(estate.Ch, app)).ToList();
        try
        {
            var pages = await Task.WhenAll(circuits.Select(circuit => Task.Run(() => circuit.RenderAt<ExplainPage>(url))));
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var perCircuit = (after - before) / Circuits;
            output.WriteLine($"{Circuits} circuits: {perCircuit / 1024.0:N0} KiB each (managed heap, rendered Explain page held); " +
                             $"decompositions computed {caches.Decompositions.Computations}, shared {caches.Decompositions.Hits}");

            foreach (var page in pages)
            {
                Assert.Empty(page.FindAll("[data-testid='error-notice']"));
                Assert.NotEmpty(page.FindAll("[data-testid='cause-row']"));
            }
            Assert.Equal(1, caches.Decompositions.Computations);
            Assert.True(perCircuit < 16 * 1024 * 1024, $"{perCircuit:N0} bytes per circuit");
        }
        finally
        {
            foreach (var circuit in circuits) await circuit.DisposeAsync();
        }
    }
}
