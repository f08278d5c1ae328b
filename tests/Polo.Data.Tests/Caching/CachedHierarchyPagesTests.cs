using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Caching;

/// <summary>Pages of hierarchy children through the app's registration: shared until cost or hierarchy data lands.</summary>
public sealed class CachedHierarchyPagesTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Oct1To3 = TimeRange.Create(Oct1, Oct1.AddDays(2));
    private static readonly Place Acme = new("333333333333", "acme", "prod-1");

    [Fact]
    public async Task A_page_is_cached_until_cost_lands()
    {
        await using var sp = new ServiceCollection().AddSingleton<IClickHouse>(db.Ch).AddSingleton<DataChangeNotifier>()
            .AddPoloAnalysis().BuildServiceProvider();
        var notifier = sp.GetRequiredService<DataChangeNotifier>();
        var pages = sp.GetRequiredService<IHierarchyQueries>();
        Assert.IsType<CachedHierarchyQueries>(pages);

        await new FixtureWriter()
            .Cost("i-a", ResourceTypes.Instance, Acme, "AmazonEC2", "BoxUsage:m5.large", Oct1, Oct1.AddDays(2), 1.00m)
            .Node("customer:acme", "customer", "acme", "")
            .WriteAsync(db.Ch);
        notifier.Publish(DataKinds.Cost | DataKinds.Hierarchy, 48);
        var first = await pages.ChildrenPageAsync("", Oct1To3, CostType.Amortized, 10);
        Assert.Equal((1, 48m), (first.Total, first.Rows.Single().Cost));

        await new FixtureWriter()
            .Cost("i-b", ResourceTypes.Instance, Acme, "AmazonEC2", "BoxUsage:m5.large", Oct1.AddDays(1), Oct1.AddDays(2), 0.50m)
            .WriteAsync(db.Ch);
        notifier.Publish(DataKinds.CollectorRuns, 1);
        Assert.Same(first, await pages.ChildrenPageAsync("", Oct1To3, CostType.Amortized, 10));

        notifier.Publish(DataKinds.Cost, 24);
        var fresh = await pages.ChildrenPageAsync("", Oct1To3, CostType.Amortized, 10);
        Assert.Equal(60m, fresh.Rows.Single().Cost);
        Assert.Equal([24m, 36m], fresh.Rows.Single().Trend.Select(p => p.Cost));
    }
}
