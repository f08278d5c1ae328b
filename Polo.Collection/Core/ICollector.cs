using Amazon.Runtime;

namespace Polo.Collection.Core;

/// <summary>Where one collector run reads from: an account (credentials from STS AssumeRole) and a region.</summary>
/// <param name="AccountId">The AWS account collected, or "*" for collectors that read an organisation-wide source.</param>
/// <param name="Region">AWS region, e.g. "us-east-1".</param>
/// <param name="Credentials">Credentials for that account; null means the SDK's default chain.</param>
public sealed record CollectorScope(string AccountId, string Region, AWSCredentials? Credentials);

/// <summary>What a run wrote; "nothing new" is <c>Rows == 0</c>, never an error. <c>Warnings</c> are what it skipped
/// or held back (shown on /collectors).</summary>
public sealed record CollectorOutcome(long Rows, string? Detail = null, IReadOnlyList<CollectorWarning>? Warnings = null);

/// <summary>
/// One collector (EC2 config, CUR cost, Cost Explorer, lifecycle queue…). The runner calls it once per
/// configured account and region when <see cref="PerAccount"/> is true, otherwise once with AccountId "*".
/// Implementations must be idempotent: running twice over the same source data writes nothing the second time.
/// A failure throws; the runner records the message per account and carries on with the others.
/// </summary>
public interface ICollector
{
    /// <summary>Stable name used in configuration, schedules and the status page, e.g. "ec2-config".</summary>
    string Name { get; }

    bool PerAccount { get; }

    Task<CollectorOutcome> RunAsync(CollectorScope scope, CancellationToken ct);
}
