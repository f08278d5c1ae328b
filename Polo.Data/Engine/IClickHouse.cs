namespace Polo.Data;

/// <summary>
/// One query interface over two transports: embedded chDB (default) and a ClickHouse server (ClickHouse.Driver).
/// SQL is written once, unqualified, against <see cref="Database"/>; parameters are bound server-side.
/// </summary>
public interface IClickHouse : IAsyncDisposable
{
    /// <summary>"embedded" or "server".</summary>
    string Transport { get; }

    string Database { get; }

    /// <summary>Runs a statement and returns the engine's output in <paramref name="format"/> (e.g. JSONEachRow).</summary>
    Task<string> QueryRawAsync(string sql, string format, QueryParams? parameters = null, CancellationToken ct = default);

    /// <summary>Runs a statement whose output is not needed (DDL, INSERT … SELECT, mutations).</summary>
    Task ExecuteAsync(string sql, QueryParams? parameters = null, CancellationToken ct = default);

    /// <summary>Streams rows already encoded in <paramref name="format"/> into <paramref name="table"/>.</summary>
    Task InsertRawAsync(string table, string format, ReadOnlyMemory<byte> data, CancellationToken ct = default);
}
