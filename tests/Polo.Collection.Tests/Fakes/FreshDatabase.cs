using Polo.Data;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Collection.Tests.Fakes;

/// <summary>Base for collector tests: a freshly migrated embedded database per test, dropped afterwards;
/// no instance metadata lookups by the AWS SDK.</summary>
public abstract class FreshDatabase : IAsyncLifetime
{
    static FreshDatabase() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

    protected TestDatabase Ch { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Ch = await TestDatabase.CreateAsync();

    public virtual async Task DisposeAsync()
    {
        await Ch.DisposeAsync();
    }

    protected Task<long> CountAsync(string sql, QueryParams? p = null) => Ch.ScalarAsync<long>(sql, p);

    protected Task<decimal> SumCostAsync(string where = "1", QueryParams? p = null) =>
        Ch.ScalarAsync<decimal>($"SELECT toDecimal64(sum(cost), 6) FROM cost_hourly WHERE {where}", p);

    /// <summary>Writes a resource snapshot (what the config collector would hold).</summary>
    protected Task AddSnapshotAsync(string id, string type, string customer, string cluster, string index,
        Dictionary<string, string>? tags = null, Dictionary<string, string>? props = null) =>
        Ch.InsertAsync("resource_snapshots", [new SnapshotRow(id, "111111111111", "us-east-1", type, id, ResourceStates.Running,
            customer, cluster, index, tags ?? new(), props ?? new(), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            null, 0, DateTime.UtcNow)]);
}
