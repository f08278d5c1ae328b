namespace Polo.Web.Components.Shared;

/// <summary>Where a page's load stands, for <see cref="PageStatus"/>: loading, the error of the last load (for people),
/// and how to try again.</summary>
public sealed record LoadStatus(bool Loading, string? Error, Func<Task> Retry);
