using System.Globalization;
using Amazon;
using Amazon.Runtime.Credentials;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polo.Collection.Core;
using Polo.Data;
using Polo.Data.Changes;

namespace Polo.Collection.Lifecycle;

/// <summary>
/// "lifecycle": drains the SQS queue that EventBridge feeds with CloudTrail API-call events. Messages are received
/// in batches of up to 10 (long polling), mapped to resource events (<see cref="CloudTrailEventMapper"/>), written
/// idempotently (<see cref="ResourceEventWriter"/>), and only then deleted. A malformed message is logged with its
/// reason and left in the queue, so the queue's redrive policy moves it to the dead-letter queue; it does not hold
/// up the others. The run stops when the queue is empty or after <see cref="LifecycleOptions.MaxMessagesPerRun"/>.
/// </summary>
public sealed class LifecycleCollector(
    IClickHouse ch, LifecycleOptions options, DataChangeNotifier? notifier = null, ILogger<LifecycleCollector>? logger = null)
    : ICollector
{
    private readonly ILogger _log = logger ?? NullLogger<LifecycleCollector>.Instance;

    public string Name => "lifecycle";

    public bool PerAccount => false;

    public async Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.QueueUrl))
            return new CollectorOutcome(0, "no lifecycle queue configured (Collection:Lifecycle:QueueUrl)");

        using var sqs = CreateClient(scope);
        var writer = new ResourceEventWriter(ch, options.TagKeys, TimeSpan.FromMinutes(Math.Max(0, options.DuplicateWindowMinutes)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long received = 0, written = 0, malformed = 0, deleted = 0;
        var cap = Math.Max(1, options.MaxMessagesPerRun);

        while (received < cap)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = options.QueueUrl,
                MaxNumberOfMessages = (int)Math.Min(10, cap - received),
                WaitTimeSeconds = Math.Clamp(options.WaitTimeSeconds, 0, 20),
            }, ct);
            var messages = response.Messages ?? [];
            if (messages.Count == 0) break;
            received += messages.Count;
            var fresh = messages.Where(m => seen.Add(m.MessageId ?? m.ReceiptHandle ?? "")).ToList();
            if (fresh.Count == 0) break; // only messages this run already handled (short visibility timeout)

            var done = new List<Message>();
            var events = new List<LifecycleEvent>();
            foreach (var message in fresh)
            {
                try
                {
                    events.AddRange(CloudTrailEventMapper.Map(message.Body ?? ""));
                    done.Add(message);
                }
                catch (MalformedMessageException e)
                {
                    malformed++;
                    _log.LogWarning("Lifecycle message {MessageId} left for the dead-letter queue: {Reason}", message.MessageId, e.Message);
                }
            }

            // Written first, deleted after: a crash in between only redelivers messages whose events are already held.
            written += await writer.WriteAsync(events, ct);
            deleted += await DeleteAsync(sqs, done, ct);
        }

        if (written > 0) notifier?.Publish(DataKinds.Events, written);
        return new CollectorOutcome(written,
            $"{received} message(s) received, {deleted} deleted, {malformed} malformed left for the dead-letter queue");
    }

    private IAmazonSQS CreateClient(CollectorScope scope)
    {
        var config = new AmazonSQSConfig();
        var region = string.IsNullOrWhiteSpace(options.Region) ? scope.Region : options.Region;
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            if (!string.IsNullOrWhiteSpace(region)) config.AuthenticationRegion = region;
        }
        else if (!string.IsNullOrWhiteSpace(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        var credentials = scope.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        return new AmazonSQSClient(credentials, config);
    }

    private async Task<long> DeleteAsync(IAmazonSQS sqs, List<Message> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return 0;
        var result = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = options.QueueUrl,
            Entries = messages.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle }).ToList(),
        }, ct);
        foreach (var failed in result.Failed ?? [])
            _log.LogWarning("Lifecycle message could not be deleted (entry {Id}): {Code} {Message}; it will be redelivered and skipped as already held",
                failed.Id, failed.Code, failed.Message);
        return result.Successful?.Count ?? 0;
    }
}
