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

    /// <summary>
    /// Runs a statement that reads its data from the request, <c>INSERT … SELECT … FROM input('…') FORMAT …</c>, with
    /// <paramref name="data"/> streamed as the body (never buffered whole; <paramref name="gzipped"/> when it is gzip
    /// already). The server transport's way to read a file the server cannot see; the embedded engine reads files
    /// itself (<c>file()</c>) and refuses this.
    /// </summary>
    Task ExecuteWithDataAsync(string sql, Stream data, bool gzipped, CancellationToken ct = default);
}
