using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Analysis.Hierarchy;
using Polo.Data.Analysis.Resources;

namespace Polo.Data.Tests.Analysis;

public sealed class AnalysisRegistrationTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Every_analysis_service_resolves_as_a_singleton_and_answers_on_an_empty_database()
    {
        using var sp = new ServiceCollection().AddSingleton<IClickHouse>(db.Ch).AddPoloAnalysis().BuildServiceProvider();
        Assert.IsType<CostQueries>(sp.GetRequiredService<ICostQueries>());
        Assert.IsType<HierarchyQueries>(sp.GetRequiredService<IHierarchyQueries>());
        Assert.IsType<ResourceQueries>(sp.GetRequiredService<IResourceQueries>());
        Assert.IsType<DeltaDecomposer>(sp.GetRequiredService<IDeltaDecomposer>());
        Assert.Same(sp.GetRequiredService<ICostQueries>(), sp.GetRequiredService<ICostQueries>());

        var range = TimeRange.Create(new DateTime(2026, 10, 1), new DateTime(2026, 10, 8));
        var extent = await sp.GetRequiredService<ICostQueries>().ExtentAsync();
        Assert.Equal((null, null, 0L), (extent.FirstHour, extent.LastHour, extent.CostRows));
        var kpis = await sp.GetRequiredService<ICostQueries>().KpisAsync(range);
        Assert.Equal((0m, 0m, 0m), (kpis.Cost, kpis.PreviousCost, kpis.Unexplained));
        Assert.Equal(7, (await sp.GetRequiredService<ICostQueries>().DailyAsync(range)).Count);
        Assert.Empty(await sp.GetRequiredService<IHierarchyQueries>().ChildrenAsync("", range));
        Assert.Equal(HierarchyChildrenPage.Empty, await sp.GetRequiredService<IHierarchyQueries>().ChildrenPageAsync("", range, CostType.Amortized, 50));
        Assert.Equal(0, (await sp.GetRequiredService<IResourceQueries>().SearchAsync(new ResourceQuery())).Total);
        var d = await sp.GetRequiredService<IDeltaDecomposer>().DecomposeAsync(range.Previous(), range);
        Assert.Equal((0m, 0), (d.Delta, d.Nodes.Count));
    }
}
