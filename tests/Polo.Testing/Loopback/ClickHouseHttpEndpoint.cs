using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using Polo.Data;

namespace Polo.Testing;

/// <summary>
/// ClickHouse's HTTP interface on loopback, executing on the real embedded engine: the query from the URL and/or body,
/// <c>param_*</c> values bound server-side, <c>database</c>, gzip bodies, streamed inserts from <c>input()</c> with the
/// data as the body, errors as HTTP 500 with the engine message.
/// Lets the server transport (ClickHouse.Driver) be tested end to end without a ClickHouse server.
/// </summary>
public sealed partial class ClickHouseHttpEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IClickHouse _engine;
    private readonly Task _loop;
    public List<string> Queries { get; } = new();

    public ClickHouseHttpEndpoint(IClickHouse engine)
    {
        _engine = engine;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string ConnectionString(bool compression = false) =>
        $"Host=127.0.0.1;Port={Port};Protocol=http;Database={_engine.Database};Username=default;Password=;Compression={compression}";

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(ctx));
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var response = ctx.Response;
        try
        {
            var url = HttpUtility.ParseQueryString(ctx.Request.Url!.Query, Encoding.UTF8);
            var urlQuery = url["query"];
            if (urlQuery is not null && InputInsert().Match(urlQuery) is { Success: true } input)
            {
                await InsertFromBodyAsync(ctx.Request, urlQuery, input);
                await AnswerAsync(response, "");
                return;
            }
            var body = await ReadBodyAsync(ctx.Request);
            var sql = urlQuery is null ? body : body.Length == 0 ? urlQuery : urlQuery + "\n" + body;
            lock (Queries) Queries.Add(urlQuery ?? body);
            if (url["database"] is { Length: > 0 } db && db != _engine.Database)
                throw new ClickHouseException($"Code: 81. DB::Exception: Database {db} does not exist. (UNKNOWN_DATABASE)");

            var parameters = new QueryParams();
            foreach (var key in url.AllKeys.Where(k => k?.StartsWith("param_", StringComparison.Ordinal) == true))
                parameters[key![6..]] = new RawParameter(url[key]!);
            var output = await _engine.QueryRawAsync(sql, url["default_format"] ?? "TabSeparated", parameters);

            await AnswerAsync(response, output);
        }
        catch (ClickHouseException e)
        {
            var bytes = Encoding.UTF8.GetBytes(e.EngineMessage);
            response.StatusCode = 500;
            if (e.Code is int code) response.AddHeader("X-ClickHouse-Exception-Code", code.ToString(CultureInfo.InvariantCulture));
            await response.OutputStream.WriteAsync(bytes);
        }
        finally
        {
            response.Close();
        }
    }

    /// <summary>
    /// <c>INSERT … SELECT … FROM input('structure') … FORMAT F</c> with the data as the request body (the server's
    /// streamed insert): the body is spooled to a file the embedded engine reads as <c>file(path, F, structure)</c>.
    /// </summary>
    private async Task InsertFromBodyAsync(HttpListenerRequest request, string urlQuery, Match input)
    {
        lock (Queries) Queries.Add(urlQuery);
        var spool = Path.Combine(Path.GetTempPath(), $"polo-ch-input-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(spool))
            {
                Stream body = request.InputStream;
                if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
                    body = new GZipStream(body, CompressionMode.Decompress);
                await body.CopyToAsync(file);
            }
            var format = input.Groups["format"].Value;
            var sql = urlQuery[..input.Groups["tail"].Index]
                .Replace(input.Groups["input"].Value, $"file('{spool}', '{format}', {input.Groups["structure"].Value})", StringComparison.Ordinal);
            await _engine.ExecuteAsync(sql);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    [GeneratedRegex(@"(?<input>input\((?<structure>'(?:[^'\\]|\\.)*')\))[\s\S]*?(?<tail>\s+FORMAT\s+(?<format>\w+)\s*)$")]
    private static partial Regex InputInsert();

    private static async Task AnswerAsync(HttpListenerResponse response, string output)
    {
        var bytes = Encoding.UTF8.GetBytes(output);
        response.StatusCode = 200;
        response.AddHeader("X-ClickHouse-Server-Display-Name", "polo-test-endpoint");
        response.AddHeader("X-ClickHouse-Timezone", "UTC");
        response.AddHeader("X-ClickHouse-Summary", "{\"read_rows\":\"0\",\"read_bytes\":\"0\",\"written_rows\":\"0\",\"written_bytes\":\"0\",\"total_rows_to_read\":\"0\",\"result_rows\":\"0\",\"result_bytes\":\"0\",\"elapsed_ns\":\"0\"}");
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        Stream stream = request.InputStream;
        if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
