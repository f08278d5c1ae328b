namespace Polo.Data.Changes;

/// <summary>What a subscriber is told: the kinds that changed since its last call (of those it asked for), the rows
/// written, and when the last of those writes was published.</summary>
public sealed record DataChange(DataKinds Kinds, long Rows, DateTimeOffset At);
