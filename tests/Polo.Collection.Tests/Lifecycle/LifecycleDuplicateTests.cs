using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Lifecycle;
using Polo.Collection.Tests.Fakes;
using Polo.Data;
using Polo.Data.Vocabulary;
using static Polo.Collection.Tests.Lifecycle.CloudTrailMessages;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>A stop (start, termination) seen both as the CloudTrail call and as EC2's state-change notification is one
/// event: same instance, same resulting state, within the window, nothing else in between (LifecycleDuplicates).</summary>
public sealed class LifecycleDuplicateTests : FreshDatabase
{
    private static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
    private readonly FakeSqsQueue _queue = new();

    public override async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<long> RunAsync(params string[] messages)
    {
        foreach (var m in messages) _queue.Send(m);
        var outcome = await new LifecycleCollector(Ch, new LifecycleOptions
        {
            QueueUrl = _queue.QueueUrl, ServiceUrl = _queue.ServiceUrl, Region = "us-east-1", WaitTimeSeconds = 0,
        }).RunAsync(Org, default);
        Assert.Empty(_queue.RemainingIds);
        return outcome.Rows;
    }

    private sealed record Stored(string ResourceId, string EventType, string NewState, DateTime EventTime);

    private Task<List<Stored>> EventsAsync(string resourceId) => Ch.QueryAsync<Stored>("""
        SELECT resource_id, toString(event_type) AS event_type, properties['new_state'] AS new_state, event_time
        FROM resource_events WHERE resource_id = {id:String} ORDER BY event_time
        """, new QueryParams { ["id"] = resourceId });

    [Fact]
    public async Task A_stop_seen_through_cloudtrail_and_the_notification_is_one_event_whichever_arrives_first()
    {
        // The notification first (EventBridge is near real time, CloudTrail minutes later), in two runs.
        Assert.Equal(1, await RunAsync(StateChangeNotification("n-1", "i-1", "stopped", "2025-03-01T10:01:30Z")));
        Assert.Equal(0, await RunAsync(StopInstances("ct-1", "i-1", "2025-03-01T10:00:00Z")));
        // Both in one batch.
        Assert.Equal(1, await RunAsync(StopInstances("ct-2", "i-2"), StateChangeNotification("n-2", "i-2", "stopped")));

        var one = Assert.Single(await EventsAsync("i-1"));
        Assert.Equal((EventTypes.StateChanged, ResourceStates.Stopped, new DateTime(2025, 3, 1, 10, 1, 30, DateTimeKind.Utc)),
            (one.EventType, one.NewState, one.EventTime));
        var two = Assert.Single(await EventsAsync("i-2"));
        Assert.Equal(new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), two.EventTime); // the earlier one is kept
    }

    [Fact]
    public async Task A_termination_seen_twice_is_one_deleted_event()
    {
        Assert.Equal(1, await RunAsync(TerminateInstances("ct-t", "i-3"), StateChangeNotification("n-t", "i-3", "terminated", "2025-03-01T10:02:00Z")));

        Assert.Equal(EventTypes.Deleted, Assert.Single(await EventsAsync("i-3")).EventType);
    }

    [Fact]
    public async Task A_quick_stop_start_stop_stays_three_events_and_a_stop_outside_the_window_is_another_stop()
    {
        Assert.Equal(3, await RunAsync(
            StopInstances("ct-s1", "i-4", "2025-03-01T10:00:00Z"), StateChangeNotification("n-s1", "i-4", "stopped", "2025-03-01T10:01:00Z"),
            StartInstances("ct-r", "i-4", "2025-03-01T10:03:00Z"), StateChangeNotification("n-r", "i-4", "running", "2025-03-01T10:03:40Z"),
            StopInstances("ct-s2", "i-4", "2025-03-01T10:06:00Z"), StateChangeNotification("n-s2", "i-4", "stopped", "2025-03-01T10:07:00Z")));
        Assert.Equal([ResourceStates.Stopped, ResourceStates.Running, ResourceStates.Stopped],
            (await EventsAsync("i-4")).Select(e => e.NewState));

        // Another instance: the notification comes 40 minutes after the call, so it is a stop of its own.
        Assert.Equal(2, await RunAsync(StopInstances("ct-5", "i-5", "2025-03-01T10:00:00Z"),
            StateChangeNotification("n-5", "i-5", "stopped", "2025-03-01T10:40:00Z")));
    }

    [Fact]
    public async Task The_same_state_on_another_instance_or_account_is_not_a_duplicate()
    {
        Assert.Equal(3, await RunAsync(StopInstances("ct-6", "i-6"), StateChangeNotification("n-7", "i-7", "stopped"),
            StateChangeNotification("n-6b", "i-6", "stopped", account: "222222222222")));
    }
}
