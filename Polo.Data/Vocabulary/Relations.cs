namespace Polo.Data.Vocabulary;

/// <summary>Values of <c>resource_relationships.relation</c> (from → to).</summary>
public static class Relations
{
    /// <summary>A volume attached to an instance.</summary>
    public const string AttachedTo = "attached_to";
    /// <summary>A snapshot taken of a volume.</summary>
    public const string SnapshotOf = "snapshot_of";
    /// <summary>A network interface of a NAT gateway or load balancer.</summary>
    public const string InterfaceOf = "interface_of";
    /// <summary>An elastic IP associated with an instance, interface or NAT gateway.</summary>
    public const string AssociatedWith = "associated_with";
}
