using Polo.Collection.Cost.Tagging;

namespace Polo.Collection.Lifecycle;

/// <summary>Settings of the lifecycle collector (configuration section <c>Collection:Lifecycle</c>).</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Collection:Lifecycle";

    /// <summary>The SQS queue EventBridge forwards CloudTrail "AWS API Call via CloudTrail" events to. Empty disables.</summary>
    public string QueueUrl { get; set; } = "";

    /// <summary>SQS endpoint override (tests, VPC endpoints); empty uses the regional endpoint of <see cref="Region"/>.</summary>
    public string ServiceUrl { get; set; } = "";

    /// <summary>Region of the queue; empty uses the run's region.</summary>
    public string Region { get; set; } = "";

    /// <summary>Long-polling wait per receive, 0–20 seconds.</summary>
    public int WaitTimeSeconds { get; set; } = 10;

    /// <summary>Messages received per run at most; the rest wait for the next run.</summary>
    public int MaxMessagesPerRun { get; set; } = 1000;

    /// <summary>A state change seen through CloudTrail and through EC2's notification within this many minutes is one
    /// event (<see cref="LifecycleDuplicates"/>); 0 keeps both.</summary>
    public int DuplicateWindowMinutes { get; set; } = 15;

    public HierarchyTagKeys TagKeys { get; set; } = new();
}
