using Polo.Data.Embedded;

namespace Polo.Data.Tests.Engine;

public sealed class PersistenceTests
{
    [Fact]
    public async Task Data_survives_closing_and_reopening_the_database()
    {
        var database = TestEngine.UniqueDatabase("persist");
        await using (var ch = await TestEngine.OpenAsync(database))
        {
            await ch.ExecuteAsync("INSERT INTO account_metadata (account_id, account_name, role, environment) VALUES ('7', 'kept', 'test', 'test')");
        }

        await using var reopened = TestDatabase.Adopt(new EmbeddedClickHouse(TestEngine.DataPath, database, poolSize: 1));
        Assert.Equal("kept", await reopened.ScalarAsync<string>("SELECT account_name FROM account_metadata WHERE account_id = '7'"));
        var storage = await reopened.ScalarAsync<string>("SELECT data_paths[1] FROM system.tables WHERE database = currentDatabase() AND name = 'account_metadata'");
        Assert.StartsWith(TestEngine.DataPath, storage);
    }

    [Fact]
    public async Task A_second_data_path_in_the_same_process_is_refused_clearly()
    {
        var other = Path.Combine(Path.GetTempPath(), $"polo-other-{Guid.NewGuid():N}");
        await using var holder = TestDatabase.Adopt(new EmbeddedClickHouse(TestEngine.DataPath, TestEngine.UniqueDatabase("hold"), poolSize: 1));
        var e = Assert.Throws<ClickHouseUnavailableException>(() => new EmbeddedClickHouse(other, "x", 1));
        await Task.CompletedTask;
        Assert.Contains("one data path per process", e.Message);
    }

    [Theory]
    [InlineData("bad-name")]
    [InlineData("x; DROP DATABASE y")]
    [InlineData("")]
    public void Invalid_database_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new EmbeddedClickHouse(TestEngine.DataPath, name, 1));
    }
}
