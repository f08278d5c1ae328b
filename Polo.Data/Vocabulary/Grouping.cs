using System.Diagnostics.CodeAnalysis;

namespace Polo.Data.Vocabulary;

/// <summary>The kinds of dimension cost can be grouped by. A kind may carry a value (a later <c>tag:KEY</c>).</summary>
public enum GroupingKind
{
    Customer,
    Cluster,
    Index,
    Account,
    AccountRole,
    Service,
    UsageType,
    Region,
    ResourceType,
    Resource,
}

/// <summary>
/// A dimension cost is grouped by. Its text form is the URL form (<c>?by=account_role</c>): the kind's snake_case
/// name, followed by <c>:value</c> for a grouping that carries a value. Compare groupings with <c>==</c>; switch on
/// <see cref="Kind"/>.
/// </summary>
public sealed record Grouping
{
    private Grouping(GroupingKind kind, string name, string nodeKind, string? value = null)
    {
        Kind = kind;
        Name = name;
        NodeKind = nodeKind;
        Value = value;
    }

    public GroupingKind Kind { get; }

    /// <summary>The kind's URL name: customer, account_role, usage_type…</summary>
    public string Name { get; }

    /// <summary>The <see cref="NodeKinds"/> kind of the groups' node ids (customer, role, usage_type…); the
    /// hierarchy groupings also yield their parents' kinds for cost without the deeper level.</summary>
    public string NodeKind { get; }

    /// <summary>What the grouping carries beyond its kind (a tag key, later); null for the fixed groupings.</summary>
    public string? Value { get; }

    public static readonly Grouping Customer = new(GroupingKind.Customer, "customer", NodeKinds.Customer);
    public static readonly Grouping Cluster = new(GroupingKind.Cluster, "cluster", NodeKinds.Cluster);
    public static readonly Grouping Index = new(GroupingKind.Index, "index", NodeKinds.Index);
    public static readonly Grouping Account = new(GroupingKind.Account, "account", NodeKinds.Account);
    public static readonly Grouping AccountRole = new(GroupingKind.AccountRole, "account_role", NodeKinds.Role);
    public static readonly Grouping Service = new(GroupingKind.Service, "service", NodeKinds.Service);
    public static readonly Grouping UsageType = new(GroupingKind.UsageType, "usage_type", NodeKinds.UsageType);
    public static readonly Grouping Region = new(GroupingKind.Region, "region", NodeKinds.Region);
    public static readonly Grouping ResourceType = new(GroupingKind.ResourceType, "resource_type", NodeKinds.ResourceType);
    public static readonly Grouping Resource = new(GroupingKind.Resource, "resource", NodeKinds.Resource);

    /// <summary>Every grouping that carries no value.</summary>
    public static IReadOnlyList<Grouping> Fixed { get; } =
        [Customer, Cluster, Index, Account, AccountRole, Service, UsageType, Region, ResourceType, Resource];

    /// <summary>The fixed grouping of a kind.</summary>
    public static Grouping Of(GroupingKind kind) => Fixed.First(g => g.Kind == kind);

    /// <summary>Reads the URL form, case-insensitively: "customer", "account_role".</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Grouping? grouping)
    {
        var trimmed = text?.Trim() ?? "";
        grouping = Fixed.FirstOrDefault(g => string.Equals(g.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        return grouping is not null;
    }

    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
