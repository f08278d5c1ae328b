namespace Polo.Data.Rows;

// Property names map to snake_case columns through ClickHouseJson (migrations 003, 007).

/// <summary>A row of cost_hourly.</summary>
public sealed record CostRow(
    DateTime Hour, string AccountId, string Region, string Service, string UsageType, string ResourceId,
    string ResourceType, string Customer, string Cluster, string IndexName, decimal Cost, double UsageAmount, string Source);

/// <summary>A row of demo_cost_segments: a run of hours at one hourly rate, expanded into cost_hourly, with the bill's
/// mechanics of migration 036 (line item type, pricing unit, commitment and its hourly measures).</summary>
public sealed record SegmentRow(
    string ResourceId, string AccountId, string Region, string Service, string UsageType, string ResourceType,
    string Customer, string Cluster, string IndexName, DateTime StartHour, DateTime EndHour,
    decimal HourlyCost, double HourlyUsage, byte Pattern, string LineItemType = "Usage", string PricingUnit = "",
    string CommitmentArn = "", decimal? PublicOnDemandCost = null, decimal? SavingsPlanEffectiveCost = null,
    decimal? SavingsPlanTotalCommitmentToDate = null, decimal? SavingsPlanUsedCommitment = null,
    decimal? ReservationEffectiveCost = null, decimal? ReservationUnusedAmortizedUpfrontFee = null,
    decimal? ReservationUnusedRecurringFee = null);
