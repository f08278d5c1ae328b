using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Polo.Testing;

/// <summary>What a loopback fake answers: an HTTP status, a body and its content type.</summary>
public sealed record LoopbackReply(int Status, string Body, string ContentType);

/// <summary>
/// The plumbing the loopback fakes share (AWS endpoints, Slack, webhooks): an HttpListener on 127.0.0.1 at a free port
/// (under <c>path</c>), an accept loop, the request body read as UTF-8, and the reply written (AWS fakes add an
/// x-amzn-RequestId header). A subclass speaks one wire format: <see cref="Answer"/> reads (and records) the request;
/// <see cref="Failure"/> turns an exception into that protocol's error. With <c>concurrent</c>, each request is
/// answered on its own task; without, one at a time.
/// </summary>
public abstract class LoopbackHttpServer : IAsyncDisposable, IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly bool _concurrent;
    private readonly bool _awsRequestId;
    private readonly Task _loop;

    protected LoopbackHttpServer(bool concurrent, string path = "", bool awsRequestId = true)
    {
        _concurrent = concurrent;
        _awsRequestId = awsRequestId;
        Url = $"http://127.0.0.1:{FreePort()}/{path}";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    protected abstract LoopbackReply Answer(HttpListenerRequest http, string body);

    protected abstract LoopbackReply Failure(Exception e);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            if (_concurrent) _ = Task.Run(() => HandleAsync(context));
            else await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        LoopbackReply reply;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            reply = Answer(context.Request, await reader.ReadToEndAsync());
        }
        catch (Exception e)
        {
            reply = Failure(e);
        }
        try
        {
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            if (_awsRequestId) context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (cancelled).
            try { context.Response.Abort(); } catch { /* connection already gone */ }
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
        // Close alone (it stops, then disposes): the managed HttpListener's Stop removes its endpoint, and a later Close
        // looks the endpoint up again, which binds the port anew and fails with "Address already in use" when another
        // test process took the freed port in between (seen in CI: LifecycleDuplicateTests' dispose).
        _listener.Close();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* stopping */ }
        GC.SuppressFinalize(this);
    }

    /// <summary>For <c>using var</c> in synchronous test code: the same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
