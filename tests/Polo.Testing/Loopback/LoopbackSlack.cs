using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Polo.Testing;

/// <summary>A Slack incoming webhook on loopback: answers 200 "ok" like Slack (or a chosen status) and keeps every
/// JSON body it was posted.</summary>
public sealed class LoopbackSlack : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonObject> _messages = [];
    private readonly CancellationTokenSource _stop = new();

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public string Url { get; }

    public IReadOnlyList<JsonObject> Messages { get { lock (_messages) return _messages.ToList(); } }

    public LoopbackSlack()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/services/T000/B000/XXXX/";
            probe.Stop();
        }
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(ctx.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            ctx.Response.StatusCode = (int)Status;
            if (Status == HttpStatusCode.OK && ctx.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
                lock (_messages) _messages.Add(JsonNode.Parse(body)!.AsObject());
            var answer = Status == HttpStatusCode.OK ? "ok"u8.ToArray() : "invalid_payload"u8.ToArray();
            await ctx.Response.OutputStream.WriteAsync(answer);
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}
