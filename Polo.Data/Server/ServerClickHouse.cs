using ClickHouse.Driver.ADO;
using ClickHouse.Driver.Utility;

namespace Polo.Data.Server;

/// <summary>ClickHouse server or cluster over HTTP through ClickHouse.Driver. Parameters go as server-side bound values.</summary>
public sealed class ServerClickHouse : IClickHouse
{
    private readonly ClickHouseConnection _connection;

    public ServerClickHouse(string connectionString)
    {
        _connection = new ClickHouseConnection(connectionString);
        Database = string.IsNullOrEmpty(_connection.Database) ? "default" : _connection.Database;
    }

    public string Transport => "server";
    public string Database { get; }

    public async Task<string> QueryRawAsync(string sql, string format, QueryParams? parameters = null, CancellationToken ct = default)
    {
        using var command = Command($"{sql.TrimEnd().TrimEnd(';')}\nFORMAT {format}", parameters);
        try
        {
            using var result = await command.ExecuteRawResultAsync(ct).ConfigureAwait(false);
            return await result.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ClickHouseException)
        {
            throw Wrap(e, sql);
        }
    }

    public async Task ExecuteAsync(string sql, QueryParams? parameters = null, CancellationToken ct = default)
    {
        using var command = Command(sql, parameters);
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ClickHouseException)
        {
            throw Wrap(e, sql);
        }
    }

    public async Task InsertRawAsync(string table, string format, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        var sql = $"INSERT INTO {table} FORMAT {format}";
        try
        {
            using var body = new MemoryStream(data.ToArray(), writable: false);
            using var response = await _connection.PostStreamAsync(sql, body, false, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new ClickHouseException(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false), sql);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ClickHouseException)
        {
            throw Wrap(e, sql);
        }
    }

    public async Task ExecuteWithDataAsync(string sql, Stream data, bool gzipped, CancellationToken ct = default)
    {
        try
        {
            using var response = await _connection.PostStreamAsync(sql, data, gzipped, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new ClickHouseException(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false), sql);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ClickHouseException)
        {
            throw Wrap(e, sql);
        }
    }

    private ClickHouseCommand Command(string sql, QueryParams? parameters)
    {
        var command = _connection.CreateCommand(sql);
        if (parameters != null)
            foreach (var (name, value) in parameters)
                command.AddParameter(name, value ?? DBNull.Value);
        return command;
    }

    private static ClickHouseException Wrap(Exception e, string sql) => e is HttpRequestException
        ? new ClickHouseUnavailableException($"ClickHouse server unreachable: {e.Message}", e)
        : new ClickHouseException(e.Message, sql, e);

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
