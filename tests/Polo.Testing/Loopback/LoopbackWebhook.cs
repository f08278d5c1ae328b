using System.Net;

namespace Polo.Testing;

/// <summary>A generic webhook receiver on loopback: keeps each request's headers and raw body; answers 200, or 503 for
/// the next <see cref="FailNext"/> requests (those are kept in <see cref="Refused"/>).</summary>
public sealed class LoopbackWebhook() : LoopbackHttpServer(concurrent: false, path: "hooks/polo/", awsRequestId: false)
{
    private readonly List<Request> _received = [];
    private int _failNext;

    public sealed record Request(IReadOnlyDictionary<string, string> Headers, string Body);

    public int FailNext { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, value); }

    public int Refused { get; private set; }

    public IReadOnlyList<Request> Received { get { lock (_received) return _received.ToList(); } }

    protected override LoopbackReply Answer(HttpListenerRequest http, string body)
    {
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            Refused++;
            return new LoopbackReply(503, "", "text/plain");
        }
        Interlocked.Exchange(ref _failNext, 0);
        var headers = http.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => http.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        lock (_received) _received.Add(new Request(headers, body));
        return new LoopbackReply(200, "", "text/plain");
    }

    protected override LoopbackReply Failure(Exception e) => new(500, e.Message, "text/plain");
}
