namespace Polo.Data.Demo;

/// <summary>Where a resource's cost is attributed: account and hierarchy identity.</summary>
internal sealed record Placement(DemoCatalog.Account Account, string Customer, string Cluster, string IndexName)
{
    public string Region => Account.Region;
}

/// <summary>A cost stream of one resource: a flat hourly rate over [From, To); <see cref="Billing"/> null is plain
/// usage priced in the usage type's unit.</summary>
internal sealed record CostPiece(Placement Placement, string Service, string UsageType, DateTime From, DateTime To,
    decimal HourlyCost, double HourlyUsage, byte Pattern = 0, PieceBilling? Billing = null);

/// <summary>How a piece is billed, in CUR terms: line item type, pricing unit, commitment ARN and the hourly
/// amortization measures (migration 020's columns; null where a real bill has none).</summary>
internal sealed record PieceBilling(
    string LineItemType, string PricingUnit, string CommitmentArn = "", decimal? PublicOnDemandCost = null,
    decimal? SavingsPlanEffectiveCost = null, decimal? SavingsPlanTotalCommitmentToDate = null,
    decimal? SavingsPlanUsedCommitment = null, decimal? ReservationEffectiveCost = null,
    decimal? ReservationUnusedAmortizedUpfrontFee = null, decimal? ReservationUnusedRecurringFee = null)
{
    /// <summary>Plain usage: pricing unit from the usage type (instance, NAT and IP hours in Hrs, EBS storage in GB-Mo,
    /// NAT bytes in GB).</summary>
    public static PieceBilling Usage(string usageType) => new("Usage",
        usageType.StartsWith("EBS:", StringComparison.Ordinal) ? "GB-Mo"
        : usageType.Contains("Bytes", StringComparison.Ordinal) ? "GB"
        : "Hrs");
}

/// <summary>A resource under construction: identity, state, cost pieces and lifecycle events.</summary>
internal sealed class ResourceDraft(string id, string type, Placement placement, DateTime createdAt)
{
    public string Id { get; } = id;
    public string Type { get; } = type;
    public Placement Placement { get; set; } = placement;
    public DateTime CreatedAt { get; } = createdAt;
    public DateTime? DeletedAt { get; set; }
    public string Name { get; set; } = "";
    public string State { get; set; } = "";
    public Dictionary<string, string> Properties { get; } = new();
    public List<CostPiece> Pieces { get; } = new();
    public List<(DateTime At, string Type, Dictionary<string, string> Props)> Events { get; } = new();

    public Dictionary<string, string> Tags()
    {
        var tags = new Dictionary<string, string> { ["Name"] = Name };
        if (Placement.Customer != "") tags["customer"] = Placement.Customer;
        if (Placement.Cluster != "") tags["cluster"] = Placement.Cluster;
        if (Placement.IndexName != "") tags["index"] = Placement.IndexName;
        return tags;
    }

    public void Event(DateTime at, string type, params (string Key, string Value)[] props) =>
        Events.Add((at, type, props.ToDictionary(p => p.Key, p => p.Value)));

    /// <summary>Splits every piece that spans <paramref name="at"/> and rewrites the part after it.</summary>
    public void ChangeFrom(DateTime at, Func<CostPiece, CostPiece?> after)
    {
        var result = new List<CostPiece>();
        foreach (var p in Pieces)
        {
            if (p.To <= at) { result.Add(p); continue; }
            if (p.From < at) result.Add(p with { To = at });
            var changed = after(p with { From = p.From < at ? at : p.From });
            if (changed != null) result.Add(changed);
        }
        Pieces.Clear();
        Pieces.AddRange(result);
    }
}
