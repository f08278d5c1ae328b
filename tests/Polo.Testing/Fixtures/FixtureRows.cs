namespace Polo.Testing;

/// <summary>Where a fixture resource's cost is stamped.</summary>
public sealed record Place(string AccountId, string Customer = "", string Cluster = "", string IndexName = "", string Region = "us-east-1");

/// <summary>
/// A cost_hourly row with the bill's columns (migration 020), written as JSONEachRow (snake_case). Optional measures
/// are null when the line has no such column, as in a real CUR.
/// </summary>
public sealed record BillLine(
    DateTime Hour, string AccountId, string Region, string Service, string UsageType, string ResourceId,
    string ResourceType, string Customer, string Cluster, string IndexName, decimal Cost, double UsageAmount,
    string Source, string LineItemType = "Usage", string PricingUnit = "", string CommitmentArn = "",
    decimal? NetUnblendedCost = null, decimal? PublicOnDemandCost = null,
    decimal? ReservationEffectiveCost = null, decimal? ReservationNetEffectiveCost = null,
    decimal? ReservationUnusedAmortizedUpfrontFee = null, decimal? ReservationNetUnusedAmortizedUpfrontFee = null,
    decimal? ReservationUnusedRecurringFee = null, decimal? ReservationNetUnusedRecurringFee = null,
    decimal? SavingsPlanEffectiveCost = null, decimal? SavingsPlanNetEffectiveCost = null,
    decimal? SavingsPlanTotalCommitmentToDate = null, decimal? SavingsPlanUsedCommitment = null)
{
    /// <summary>The pricing unit a usage type is billed in: hours for instances, NAT and IP hours; GB-months for storage;
    /// GB for transfer.</summary>
    public static string UnitOf(string usageType) =>
        usageType.StartsWith("EBS:", StringComparison.Ordinal) || usageType.Contains("TimedStorage", StringComparison.Ordinal) ? "GB-Mo"
        : usageType.Contains("Bytes", StringComparison.Ordinal) || usageType.Contains("DataTransfer", StringComparison.Ordinal) ? "GB"
        : "Hrs";
}
