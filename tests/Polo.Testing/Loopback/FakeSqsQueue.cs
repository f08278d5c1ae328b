using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Polo.Testing;

/// <summary>
/// An SQS queue behind <see cref="FakeAwsJsonEndpoint"/>, speaking the SQS JSON protocol AWSSDK.SQS 4.x uses
/// (X-Amz-Target AmazonSQS.ReceiveMessage / AmazonSQS.DeleteMessageBatch, application/x-amz-json-1.0).
/// A received message stays invisible until deleted or <see cref="MakeVisible"/> is called (visibility timeout).
/// </summary>
public sealed class FakeSqsQueue : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<Entry> _messages = new();
    private readonly FakeAwsJsonEndpoint _endpoint;

    private sealed class Entry(string id, string body)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public string? Receipt { get; set; }
        public bool Deleted { get; set; }
    }

    public FakeSqsQueue()
    {
        _endpoint = new FakeAwsJsonEndpoint(Handle);
        QueueUrl = _endpoint.Url + "123456789012/lifecycle-events";
    }

    public string ServiceUrl => _endpoint.Url;

    public string QueueUrl { get; }

    public FakeAwsJsonEndpoint Endpoint => _endpoint;

    /// <summary>Called on every DeleteMessageBatch with the ids being deleted, before they are removed.</summary>
    public Action<IReadOnlyList<string>>? OnDelete { get; set; }

    public string Send(string body)
    {
        lock (_gate)
        {
            var id = Guid.NewGuid().ToString();
            _messages.Add(new Entry(id, body));
            return id;
        }
    }

    public IReadOnlyList<string> DeletedIds { get { lock (_gate) return _messages.Where(m => m.Deleted).Select(m => m.Id).ToList(); } }

    public IReadOnlyList<string> RemainingIds { get { lock (_gate) return _messages.Where(m => !m.Deleted).Select(m => m.Id).ToList(); } }

    /// <summary>Ends the visibility timeout of every received, undeleted message.</summary>
    public void MakeVisible() { lock (_gate) foreach (var m in _messages) m.Receipt = null; }

    private FakeAwsResponse Handle(FakeAwsRequest request)
    {
        var body = JsonNode.Parse(request.Body)!.AsObject();
        if (body[nameof(QueueUrl)]?.GetValue<string>() != QueueUrl)
            return Error("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
        return request.Target switch
        {
            "AmazonSQS.ReceiveMessage" => Receive(body),
            "AmazonSQS.DeleteMessageBatch" => DeleteBatch(body),
            _ => Error("InvalidAction", $"unsupported {request.Target}"),
        };
    }

    private FakeAwsResponse Receive(JsonObject body)
    {
        var max = body["MaxNumberOfMessages"]?.GetValue<int>() ?? 1;
        if (max is < 1 or > 10) return Error("InvalidParameterValue", "MaxNumberOfMessages must be between 1 and 10");
        var messages = new JsonArray();
        lock (_gate)
        {
            foreach (var m in _messages.Where(m => !m.Deleted && m.Receipt is null).Take(max))
            {
                m.Receipt = Guid.NewGuid().ToString("N");
                messages.Add(new JsonObject
                {
                    ["MessageId"] = m.Id,
                    ["ReceiptHandle"] = m.Receipt,
                    ["MD5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(m.Body))),
                    ["Body"] = m.Body,
                });
            }
        }
        var answer = messages.Count == 0 ? new JsonObject() : new JsonObject { ["Messages"] = messages };
        return Ok(answer);
    }

    private FakeAwsResponse DeleteBatch(JsonObject body)
    {
        var successful = new JsonArray();
        var failed = new JsonArray();
        var entries = body["Entries"]!.AsArray();
        lock (_gate)
        {
            var targets = entries.Select(e => _messages.FirstOrDefault(m => m.Receipt == e!["ReceiptHandle"]!.GetValue<string>())).ToList();
            OnDelete?.Invoke(targets.Where(t => t is not null).Select(t => t!.Id).ToList());
            for (var i = 0; i < entries.Count; i++)
            {
                var id = entries[i]!["Id"]!.GetValue<string>();
                if (targets[i] is { } m) { m.Deleted = true; successful.Add(new JsonObject { ["Id"] = id }); }
                else failed.Add(new JsonObject { ["Id"] = id, ["Code"] = "ReceiptHandleIsInvalid", ["SenderFault"] = true, ["Message"] = "unknown receipt" });
            }
        }
        return Ok(new JsonObject { ["Successful"] = successful, ["Failed"] = failed });
    }

    private static FakeAwsResponse Ok(JsonObject o) => new(200, o.ToJsonString(), "application/x-amz-json-1.0");

    private static FakeAwsResponse Error(string code, string message) =>
        new(400, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = "com.amazonaws.sqs#" + code, ["message"] = message }),
            "application/x-amz-json-1.0");

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
