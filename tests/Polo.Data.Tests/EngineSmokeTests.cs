namespace Polo.Data.Tests;

public sealed class EngineSmokeTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Runs_a_query_on_the_embedded_engine()
    {
        var sum = await db.Ch.ScalarAsync<long>("SELECT sum(number) FROM numbers({n:UInt32})", new QueryParams { ["n"] = 101 });
        Assert.Equal(5050, sum);
    }
}
