namespace Polo.Collection.Core;

/// <summary>
/// A step the runner takes after a collector's successful run (e.g. the bill inventory refresh after "cur"). Its
/// summary is appended to the run's detail (rows written stay the collector's own); a failure fails the run with a message saying what landed.
/// </summary>
public interface ICollectorFollowUp
{
    /// <summary>True when this step follows runs of <paramref name="collector"/>.</summary>
    bool Follows(string collector);

    /// <summary>Runs the step and returns a short summary for the run's detail.</summary>
    Task<CollectorOutcome> RunAsync(CancellationToken ct);
}
