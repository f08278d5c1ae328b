namespace Polo.Collection.Runs;

public static class RunStatus
{
    public const string Running = "running";
    public const string Ok = "ok";
    public const string Failed = "failed";
}

public static class RunTrigger
{
    public const string Scheduled = "scheduled";
    public const string Manual = "manual";
}

/// <summary>One row of <c>collector_runs</c>: a (collector, account, region) run; property names map to columns.</summary>
public sealed record CollectorRunRow(
    string RunId,
    string BatchId,
    string Collector,
    string AccountId,
    string Region,
    DateTime StartedAt,
    DateTime? FinishedAt,
    ulong DurationMs,
    ulong RowsWritten,
    string Status,
    string Error,
    string Trigger,
    DateTime UpdatedAt,
    string Detail = "");

/// <summary>The latest trigger (batch) of a collector, summed over its accounts and regions.</summary>
public sealed record CollectorBatchSummary(
    string Collector,
    string BatchId,
    string Trigger,
    DateTime BatchStarted,
    DateTime? BatchFinished,
    ulong BatchRows,
    ulong Units,
    ulong FailedUnits,
    ulong RunningUnits,
    string FirstError,
    string FirstDetail)
{
    public string Status => RunningUnits > 0 ? RunStatus.Running : FailedUnits > 0 ? RunStatus.Failed : RunStatus.Ok;

    public TimeSpan? Duration => BatchFinished is { } f ? f - BatchStarted : null;
}
