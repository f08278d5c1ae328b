using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Polo.Collection.Tests.Fakes;

/// <summary>A request as the loopback endpoint received it.</summary>
public sealed record FakeAwsRequest(string Target, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the endpoint answers: status, JSON body, content type.</summary>
public sealed record FakeAwsResponse(int Status, string Body, string ContentType = "application/x-amz-json-1.1");

/// <summary>
/// A loopback HTTP server speaking AWS's JSON protocols (X-Amz-Target dispatch, application/x-amz-json-1.0/1.1) so the
/// real SDK clients and the hand-signed Cost Explorer client can be tested end to end over the wire.
/// </summary>
public sealed class FakeAwsJsonEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<FakeAwsRequest, FakeAwsResponse> _handler;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public FakeAwsJsonEndpoint(Func<FakeAwsRequest, FakeAwsResponse> handler)
    {
        _handler = handler;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<FakeAwsRequest> Requests { get; } = new();

    public int Count(string target) => Requests.Count(r => r.Target == target);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            try
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                    .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
                var request = new FakeAwsRequest(headers.GetValueOrDefault("X-Amz-Target", ""),
                    context.Request.ContentType ?? "", body, headers);
                Requests.Enqueue(request);
                FakeAwsResponse response;
                try { response = _handler(request); }
                catch (Exception e) { response = new FakeAwsResponse(500, $$"""{"__type":"InternalFailure","message":"{{e.Message}}"}"""); }
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception)
            {
                try { context.Response.Abort(); } catch { /* connection already gone */ }
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); } catch { /* stopping */ }
    }
}
