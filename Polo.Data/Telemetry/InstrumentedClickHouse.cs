using System.Diagnostics;

namespace Polo.Data.Telemetry;

/// <summary>Times every statement (<c>polo.query.duration</c>) and traces it as a <c>clickhouse …</c> span; the SQL is
/// not put on the span (it may carry ids), only its first keyword.</summary>
public sealed class InstrumentedClickHouse(IClickHouse inner) : IClickHouse
{
    public string Transport => inner.Transport;
    public string Database => inner.Database;

    public Task<string> QueryRawAsync(string sql, string format, QueryParams? parameters = null, CancellationToken ct = default) =>
        TimeAsync(Kind(sql), () => inner.QueryRawAsync(sql, format, parameters, ct));

    public Task ExecuteAsync(string sql, QueryParams? parameters = null, CancellationToken ct = default) =>
        TimeAsync(Kind(sql), async () => { await inner.ExecuteAsync(sql, parameters, ct).ConfigureAwait(false); return true; });

    public Task InsertRawAsync(string table, string format, ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        TimeAsync("insert", async () => { await inner.InsertRawAsync(table, format, data, ct).ConfigureAwait(false); return true; });

    public Task ExecuteWithDataAsync(string sql, Stream data, bool gzipped, CancellationToken ct = default) =>
        TimeAsync("insert", async () => { await inner.ExecuteWithDataAsync(sql, data, gzipped, ct).ConfigureAwait(false); return true; });

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task<T> TimeAsync<T>(string kind, Func<Task<T>> run)
    {
        using var span = PoloTelemetry.Source.StartActivity("clickhouse " + kind, ActivityKind.Client);
        span?.SetTag("db.system", "clickhouse");
        span?.SetTag("db.namespace", Database);
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            var result = await run().ConfigureAwait(false);
            failed = false;
            return result;
        }
        finally
        {
            PoloTelemetry.Query(Transport, kind, Stopwatch.GetElapsedTime(started), failed);
            if (failed) span?.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static string Kind(string sql)
    {
        var s = sql.AsSpan().TrimStart();
        var end = s.IndexOfAny(' ', '\n', '\r');
        var word = (end < 0 ? s : s[..end]).ToString().ToLowerInvariant();
        return word is "select" or "with" ? "select" : word is "insert" or "create" or "alter" or "drop" or "optimize" or "system" ? word : "other";
    }
}
