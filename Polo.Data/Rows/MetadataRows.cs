namespace Polo.Data.Rows;

// Property names map to snake_case columns through ClickHouseJson (migrations 005, 006).

/// <summary>A row of account_metadata.</summary>
public sealed record AccountMetadataRow(string AccountId, string AccountName, string Role, string Environment, string Owner);

/// <summary>A row of customer_metadata.</summary>
public sealed record CustomerMetadataRow(string Customer, string DisplayName, string Tier);

/// <summary>A row of demo_causes (without generated_at, which the table fills in).</summary>
public sealed record CauseRow(
    string CauseId, string Kind, string Description, string NodeId, string[] ResourceIds,
    DateTime BaselineStart, DateTime BaselineEnd, DateTime PeriodStart, DateTime PeriodEnd, decimal ExpectedDelta);
