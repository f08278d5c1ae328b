using Polo.Data;
using Polo.Data.Embedded;

namespace Polo.Testing;

/// <summary>
/// A fresh database of its own on the test engine that owns its teardown: disposing it drops the database and closes
/// its connections. <c>await using var ch = await TestDatabase.CreateAsync();</c> is all a test needs; it is an
/// <see cref="IClickHouse"/>, so it goes wherever the app takes one.
/// </summary>
public sealed class TestDatabase : IClickHouse
{
    private bool _disposed;

    private TestDatabase(EmbeddedClickHouse engine) => Engine = engine;

    /// <summary>The embedded engine instance underneath (for code that needs the concrete transport).</summary>
    public EmbeddedClickHouse Engine { get; }

    public string Transport => Engine.Transport;

    public string Database => Engine.Database;

    /// <summary>A new database named <c>{prefix}_{guid}</c>, migrated unless told otherwise.</summary>
    public static async Task<TestDatabase> CreateAsync(string prefix = "t", bool migrate = true)
    {
        var db = new TestDatabase(new EmbeddedClickHouse(TestEngine.DataPath, TestEngine.UniqueDatabase(prefix), poolSize: 4));
        if (!migrate) return db;
        try
        {
            await TestEngine.Migrate(db);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes over an existing database on the test engine (e.g. one reopened by a persistence test), so that
    /// disposing drops it.</summary>
    public static TestDatabase Adopt(EmbeddedClickHouse engine) => new(engine);

    public Task<string> QueryRawAsync(string sql, string format, QueryParams? parameters = null, CancellationToken ct = default) =>
        Engine.QueryRawAsync(sql, format, parameters, ct);

    public Task ExecuteAsync(string sql, QueryParams? parameters = null, CancellationToken ct = default) =>
        Engine.ExecuteAsync(sql, parameters, ct);

    public Task InsertRawAsync(string table, string format, ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        Engine.InsertRawAsync(table, format, data, ct);

    public Task ExecuteWithDataAsync(string sql, Stream data, bool gzipped, CancellationToken ct = default) =>
        Engine.ExecuteWithDataAsync(sql, data, gzipped, ct);

    /// <summary>Drops the database, then closes the engine instance; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await Engine.ExecuteAsync($"DROP DATABASE IF EXISTS `{Engine.Database}`");
        }
        finally
        {
            await Engine.DisposeAsync();
        }
    }
}

/// <summary>xunit class fixture: one migrated <see cref="TestDatabase"/> shared by the tests of a class, dropped afterwards.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public TestDatabase Ch { get; private set; } = null!;

    public async Task InitializeAsync() => Ch = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Ch.DisposeAsync();
}
