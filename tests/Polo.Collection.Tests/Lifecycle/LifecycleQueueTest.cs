using Amazon.Runtime;
using Polo.Collection.Core;
using Polo.Collection.Lifecycle;
using Polo.Collection.Tests.Fakes;

namespace Polo.Collection.Tests.Lifecycle;

/// <summary>Base for lifecycle collector tests: a fresh database and a loopback SQS queue per test, and the real
/// collector reading that queue.</summary>
public abstract class LifecycleQueueTest : FreshDatabase
{
    protected static readonly CollectorScope Org = new("*", "us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

    protected FakeSqsQueue Queue { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Queue = new FakeSqsQueue();
    }

    public override async Task DisposeAsync()
    {
        await Queue.DisposeAsync();
        await base.DisposeAsync();
    }

    protected LifecycleCollector Collector(int cap = 1000) => new(Ch, new LifecycleOptions
    {
        QueueUrl = Queue.QueueUrl, ServiceUrl = Queue.ServiceUrl, Region = "us-east-1", WaitTimeSeconds = 0, MaxMessagesPerRun = cap,
    });
}
