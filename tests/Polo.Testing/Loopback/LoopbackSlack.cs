using System.Net;
using System.Text.Json.Nodes;

namespace Polo.Testing;

/// <summary>A Slack incoming webhook on loopback: answers 200 "ok" like Slack (or a chosen status) and keeps every
/// JSON body it was posted.</summary>
public sealed class LoopbackSlack() : LoopbackHttpServer(concurrent: false, path: "services/T000/B000/XXXX/", awsRequestId: false)
{
    private readonly List<JsonObject> _messages = [];

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public IReadOnlyList<JsonObject> Messages { get { lock (_messages) return _messages.ToList(); } }

    protected override LoopbackReply Answer(HttpListenerRequest http, string body)
    {
        var status = Status;
        if (status == HttpStatusCode.OK && http.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            lock (_messages) _messages.Add(JsonNode.Parse(body)!.AsObject());
        return new LoopbackReply((int)status, status == HttpStatusCode.OK ? "ok" : "invalid_payload", "text/plain");
    }

    protected override LoopbackReply Failure(Exception e) => new(400, "invalid_payload", "text/plain");
}
