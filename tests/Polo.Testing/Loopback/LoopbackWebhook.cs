using System.Net;
using System.Net.Sockets;

namespace Polo.Testing;

/// <summary>A generic webhook receiver on loopback: keeps each request's headers and raw body; answers 200, or 503 for
/// the next <see cref="FailNext"/> requests (those are kept in <see cref="Refused"/>).</summary>
public sealed class LoopbackWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Request> _received = [];
    private int _failNext;

    public sealed record Request(IReadOnlyDictionary<string, string> Headers, string Body);

    public string Url { get; }

    public int FailNext { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, value); }

    public int Refused { get; private set; }

    public IReadOnlyList<Request> Received { get { lock (_received) return _received.ToList(); } }

    public LoopbackWebhook()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/polo/";
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
            if (Interlocked.Decrement(ref _failNext) >= 0)
            {
                Refused++;
                ctx.Response.StatusCode = 503;
            }
            else
            {
                Interlocked.Exchange(ref _failNext, 0);
                var headers = ctx.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => ctx.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
                lock (_received) _received.Add(new Request(headers, body));
                ctx.Response.StatusCode = 200;
            }
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
