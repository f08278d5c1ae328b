using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Lifecycle;
using Polo.Collection.Tests.Fixtures;
using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Xunit.Abstractions;
using static Polo.Collection.Tests.Lifecycle.CloudTrailMessages;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>
/// Issue 11, deliverable 7: valid lifecycle messages (the published CloudTrail records and EC2 notifications, and the
/// hand-built calls of every mapped kind) mutated and put on the queue one by one for the real collector. Invariant: a
/// refused message stays in the queue (for its dead-letter queue) and leaves storage byte-for-byte unchanged; a
/// consumed one keeps every stored event and adds only events whose resource id and time its text names. Seeded,
/// exactly <see cref="Iterations"/> of them (no wall-clock budget: a loaded machine runs the same cases, only slower).
/// </summary>
public sealed class LifecycleMessageFuzzTests(MigratedDatabase db, ITestOutputHelper output) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const int Iterations = 60;
    private static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
    private readonly FakeSqsQueue _queue = new();
    private IClickHouse Ch => db.Ch;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _queue.DisposeAsync();

    private sealed record EventRow(string EventId, string ResourceId, DateTime EventTime, ulong RowHash);

    private async Task<Dictionary<string, EventRow>> EventsAsync() => (await Ch.QueryAsync<EventRow>(
            "SELECT event_id, resource_id, event_time, cityHash64(*) AS row_hash FROM resource_events"))
        .ToDictionary(e => e.EventId);

    private static readonly Regex RandomEnvelopeId = new("\"id\":\"[0-9a-f-]{36}\"", RegexOptions.CultureInvariant);

    /// <summary>The valid messages; the hand-built envelopes' random ids made fixed, so every run mutates the same text.</summary>
    private static List<string> ValidMessages() => Seeds().Select((m, i) => RandomEnvelopeId.Replace(m, $"\"id\":\"fz-env-{i}\"")).ToList();

    private static List<string> Seeds() =>
    [
        .. EventBridgeDelivery.Envelopes(AwsFixtures.Read("cloudtrail-start-instances-user-guide.json"), "fz-start"),
        .. EventBridgeDelivery.Envelopes(AwsFixtures.Read("cloudtrail-stop-instances-user-guide.json"), "fz-stop"),
        .. EventBridgeDelivery.Envelopes(AwsFixtures.Read("cloudtrail-terminate-instances-ec2-guide.json"), "fz-term"),
        AwsFixtures.Read("eventbridge-instance-state-change-ec2-guide.json").Replace("\"pending\"", "\"stopped\"", StringComparison.Ordinal),
        AwsFixtures.Read("eventbridge-ebs-delete-volume-ec2-guide.json").Replace("yyyy-mm-ddThh:mm:ssZ", "2021-11-11T21:29:54Z", StringComparison.Ordinal),
        RunInstances("fz-run", "i-0aaa1111", "i-0bbb2222"),
        CreateTags("fz-tags", ["i-0aaa1111", "vol-0ccc3333"], ("polo:customer", "acme"), ("polo:cluster", "prod-1")),
        Envelope("AssociateAddress", "fz-assoc", new { allocationId = "eipalloc-0ddd4444", instanceId = "i-0aaa1111" },
            new { associationId = "eipassoc-0eee5555", _return = true }),
        CreateVolume("fz-vol", "vol-0fff6666"),
        ModifyInstanceType("fz-mod", "i-0aaa1111", "r5.4xlarge"),
    ];

    /// <summary>Times no AWS service sends: out of range for DateTime arithmetic, or for what EC2's history can hold.</summary>
    private static readonly string[] OddTimes = ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2299-12-31T00:00:00Z", "1850-01-01T00:00:00Z"];

    private static readonly Regex IsoTime = new(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", RegexOptions.CultureInvariant);

    /// <summary>First every valid message with its times replaced by an odd one, then random mutations.</summary>
    private static IEnumerable<string> Mutations(List<string> valid, PayloadMutator mutator)
    {
        for (var i = 0; i < valid.Count; i++)
            yield return IsoTime.Replace(valid[i], OddTimes[i % OddTimes.Length]);
        while (true) yield return mutator.MutateJson(mutator.Pick(valid));
    }

    [Fact]
    public async Task Mutated_messages_never_lose_or_invent_stored_events()
    {
        var valid = ValidMessages();
        var collector = new LifecycleCollector(Ch, new LifecycleOptions
        {
            QueueUrl = _queue.QueueUrl, ServiceUrl = _queue.ServiceUrl, Region = "us-east-1", WaitTimeSeconds = 0,
        });
        foreach (var body in valid) _queue.Send(body);
        Assert.True((await collector.RunAsync(Org, default)).Rows > 0);

        var clock = Stopwatch.StartNew();
        int refused = 0, consumed = 0, added = 0, i = 0;
        foreach (var mutated in Mutations(valid, new PayloadMutator(20261202)))
        {
            if (++i > Iterations) break;
            // Fresh event ids, so an accepted mutation is not skipped as already held.
            var body = mutated.Replace("\"fz-", $"\"fz{i}-", StringComparison.Ordinal)
                .Replace("6e12345-", $"6e{i}-", StringComparison.Ordinal).Replace("7bf73129-", $"7b{i}-", StringComparison.Ordinal)
                .Replace("01234567-0123-0123-0123-012345678901", $"0{i}-0123", StringComparison.Ordinal);
            var before = await EventsAsync();
            var fingerprint = await StorageFingerprint.OfAsync(Ch);
            var id = _queue.Send(body);

            await collector.RunAsync(Org, default);

            if (_queue.RemainingIds.Contains(id))
            {
                refused++;
                Assert.Equal(fingerprint, await StorageFingerprint.OfAsync(Ch));
                continue;
            }
            consumed++;
            var after = await EventsAsync();
            Assert.All(before, e => Assert.Equal(e.Value, after.GetValueOrDefault(e.Key)));        // nothing lost or rewritten
            foreach (var e in after.Values.Where(e => !before.ContainsKey(e.EventId)))
            {
                added++;
                var resource = e.ResourceId.StartsWith(AddressRef.ByAssociation, StringComparison.Ordinal)
                    ? e.ResourceId[AddressRef.ByAssociation.Length..] : e.ResourceId;
                Assert.Contains(resource, body);                                                    // nothing invented
                Assert.Contains(e.EventTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), body);
            }
        }
        output.WriteLine($"{refused} refused, {consumed} consumed ({added} events added) in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(Iterations, refused + consumed);
        Assert.True(refused > 0 && consumed > 0 && added > 0, $"refused {refused}, consumed {consumed}, added {added}");
    }
}
