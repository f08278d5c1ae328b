using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Polo.Data.Embedded;

/// <summary>
/// ClickHouse in-process through chDB. chDB allows one storage path per process, so all instances in a process must
/// share a data path; each instance works in its own database and keeps a small pool of connections.
/// </summary>
public sealed partial class EmbeddedClickHouse : IClickHouse
{
    private static readonly object EngineGate = new();
    private static string? _enginePath;
    private static int _openInstances;

    private readonly ConcurrentBag<ChdbConnection> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly List<ChdbConnection> _all = new();
    private readonly string _dataPath;
    private bool _disposed;

    public EmbeddedClickHouse(string dataPath, string database = "polo", int poolSize = 4)
    {
        if (!IdentifierPattern().IsMatch(database))
            throw new ArgumentException($"Invalid database name '{database}': use letters, digits and underscores.", nameof(database));
        _dataPath = Path.GetFullPath(dataPath);
        Database = database;
        _slots = new SemaphoreSlim(Math.Max(1, poolSize));
        lock (EngineGate)
        {
            if (_enginePath != null && _enginePath != _dataPath && _openInstances > 0)
                throw new ClickHouseUnavailableException(
                    $"The embedded engine is already open on '{_enginePath}'; chDB allows one data path per process.");
            Directory.CreateDirectory(_dataPath);
            _enginePath = _dataPath;
            _openInstances++;
        }
        try
        {
            // Create the database with a bootstrap connection, then keep that connection in the pool.
            var first = NewConnection(createDatabase: true);
            _idle.Add(first);
            for (var i = 1; i < poolSize; i++) _idle.Add(NewConnection(createDatabase: false));
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>Whether this process already has the engine open on <paramref name="dataPath"/> (its lock is then ours).</summary>
    public static bool IsOpenInThisProcess(string dataPath)
    {
        lock (EngineGate) return _openInstances > 0 && _enginePath == Path.GetFullPath(dataPath);
    }

    public string Transport => "embedded";
    public string Database { get; }
    public string DataPath => _dataPath;

    private ChdbConnection NewConnection(bool createDatabase)
    {
        var conn = ChdbConnection.Open(_dataPath);
        lock (_all) _all.Add(conn);
        if (createDatabase) conn.Query($"CREATE DATABASE IF NOT EXISTS `{Database}`", "TSV", null);
        conn.Query($"USE `{Database}`", "TSV", null);
        return conn;
    }

    public Task<string> QueryRawAsync(string sql, string format, QueryParams? parameters = null, CancellationToken ct = default) =>
        RunAsync(c => c.Query(sql, format, parameters), ct);

    public Task ExecuteAsync(string sql, QueryParams? parameters = null, CancellationToken ct = default) =>
        RunAsync(c => c.Query(sql, "TSV", parameters), ct);

    public Task InsertRawAsync(string table, string format, ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        RunAsync(c =>
        {
            c.Insert($"INSERT INTO {table}", format, data.Span);
            return "";
        }, ct);

    /// <summary>The embedded engine reads files itself (<c>file()</c>); a request body exists only on the server transport.</summary>
    public Task ExecuteWithDataAsync(string sql, Stream data, bool gzipped, CancellationToken ct = default) =>
        throw new NotSupportedException("The embedded engine reads files itself (file()); streamed request data is for the server transport.");

    private async Task<string> RunAsync(Func<ChdbConnection, string> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_idle.TryTake(out var conn)) conn = NewConnection(createDatabase: false);
            try
            {
                return await Task.Run(() => work(conn), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                _idle.Add(conn);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        lock (_all)
        {
            foreach (var c in _all) c.Dispose();
            _all.Clear();
        }
        Release();
        return ValueTask.CompletedTask;
    }

    private static void Release()
    {
        lock (EngineGate)
        {
            _openInstances--;
            if (_openInstances == 0) _enginePath = null;
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
