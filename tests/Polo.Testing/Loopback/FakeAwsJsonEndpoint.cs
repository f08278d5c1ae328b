using System.Collections.Concurrent;
using System.Net;

namespace Polo.Testing;

/// <summary>A request as the loopback endpoint received it.</summary>
public sealed record FakeAwsRequest(string Target, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the endpoint answers: status, JSON body, content type.</summary>
public sealed record FakeAwsResponse(int Status, string Body, string ContentType = "application/x-amz-json-1.1");

/// <summary>
/// A loopback HTTP server speaking AWS's JSON protocols (X-Amz-Target dispatch, application/x-amz-json-1.0/1.1) so the
/// real SDK clients and the hand-signed Cost Explorer client can be tested end to end over the wire. Requests are
/// answered one at a time.
/// </summary>
public sealed class FakeAwsJsonEndpoint(Func<FakeAwsRequest, FakeAwsResponse> handler)
    : LoopbackHttpServer(concurrent: false)
{
    public ConcurrentQueue<FakeAwsRequest> Requests { get; } = new();

    public int Count(string target) => Requests.Count(r => r.Target == target);

    protected override LoopbackReply Answer(HttpListenerRequest http, string body)
    {
        var headers = http.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => http.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var request = new FakeAwsRequest(headers.GetValueOrDefault("X-Amz-Target", ""), http.ContentType ?? "", body, headers);
        Requests.Enqueue(request);
        return Reply(handler(request));
    }

    protected override LoopbackReply Failure(Exception e) =>
        Reply(new FakeAwsResponse(500, $$"""{"__type":"InternalFailure","message":"{{e.Message}}"}"""));

    private static LoopbackReply Reply(FakeAwsResponse r) => new(r.Status, r.Body, r.ContentType);
}
