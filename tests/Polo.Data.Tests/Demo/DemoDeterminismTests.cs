using Polo.Data.Changes;
using Polo.Data.Demo;

namespace Polo.Data.Tests.Demo;

public sealed class DemoDeterminismTests
{
    [Fact]
    public async Task Same_seed_gives_the_same_estate_and_reset_empties_it()
    {
        var options = new DemoEstateOptions(Days: 14, End: new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), Seed: 7);
        await using var ch = await TestDatabase.CreateAsync();
        var generator = new DemoEstateGenerator(ch, new DataChangeNotifier());
        var first = await generator.GenerateAsync(options);

        await generator.ResetAsync();
        foreach (var table in DemoEstateGenerator.Tables)
            Assert.Equal(0, await ch.ScalarAsync<long>($"SELECT count() FROM {table}"));

        var second = await generator.GenerateAsync(options);
        Assert.Equal(first.TotalCost, second.TotalCost);
        Assert.Equal(first.Resources, second.Resources);
        Assert.Equal(first.Causes.Select(c => (c.CauseId, c.ExpectedDelta)), second.Causes.Select(c => (c.CauseId, c.ExpectedDelta)));

        var other = await new DemoEstateGenerator(ch, null).ResetAndGenerateForTestAsync(options with { Seed = 8 });
        Assert.NotEqual(first.TotalCost, other.TotalCost);
    }
}

internal static class GeneratorTestExtensions
{
    public static async Task<DemoEstateSummary> ResetAndGenerateForTestAsync(this DemoEstateGenerator g, DemoEstateOptions o)
    {
        await g.ResetAsync();
        return await g.GenerateAsync(o);
    }
}
