using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Caching;

/// <summary>The app's registration on the real engine: analysis answers come from the shared cache until data of a
/// kind they read is published, then show the new data.</summary>
public sealed class CachedAnalysisTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Baseline = TimeRange.Create(Oct1, Oct1.AddDays(1));
    private static readonly TimeRange Period = TimeRange.Create(Oct1.AddDays(1), Oct1.AddDays(2));
    private static readonly Place Acme = new("333333333333", "acme", "prod-1");

    [Fact]
    public async Task Answers_are_shared_until_data_of_a_kind_they_read_lands()
    {
        await using var sp = new ServiceCollection().AddSingleton<IClickHouse>(db.Ch).AddSingleton<DataChangeNotifier>()
            .AddPoloAnalysis().BuildServiceProvider();
        var notifier = sp.GetRequiredService<DataChangeNotifier>();
        var decomposer = sp.GetRequiredService<IDeltaDecomposer>();
        var costs = sp.GetRequiredService<ICostQueries>();
        Assert.IsType<CachedDeltaDecomposer>(decomposer);

        await new FixtureWriter()
            .Cost("i-a", ResourceTypes.Instance, Acme, "AmazonEC2", "BoxUsage:m5.large", Oct1, Oct1.AddDays(2), 1.00m)
            .WriteAsync(db.Ch);
        notifier.Publish(DataKinds.Cost, 48);

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => decomposer.DecomposeAsync(Baseline, Period)));
        Assert.All(first, d => Assert.Same(first[0], d));
        Assert.Equal(0m, first[0].Delta);
        Assert.Equal(48m, await costs.TotalAsync(TimeRange.Create(Oct1, Oct1.AddDays(2))));

        // Written but not yet published: still the cached answer (proves it is cached), also after a collector_runs write.
        await new FixtureWriter()
            .Cost("i-b", ResourceTypes.Instance, Acme, "AmazonEC2", "BoxUsage:m5.large", Oct1.AddDays(1), Oct1.AddDays(2), 0.50m)
            .WriteAsync(db.Ch);
        notifier.Publish(DataKinds.CollectorRuns, 1);
        Assert.Same(first[0], await decomposer.DecomposeAsync(Baseline, Period));
        Assert.Equal(48m, await costs.TotalAsync(TimeRange.Create(Oct1, Oct1.AddDays(2))));

        notifier.Publish(DataKinds.Cost, 24);
        var fresh = await decomposer.DecomposeAsync(Baseline, Period);
        Assert.NotSame(first[0], fresh);
        Assert.Equal(12m, fresh.Delta);
        Assert.Equal(60m, await costs.TotalAsync(TimeRange.Create(Oct1, Oct1.AddDays(2))));
        Assert.Equal(1 + 1, sp.GetRequiredService<AnalysisCaches>().Decompositions.Computations);
    }
}
