namespace Polo.Data.Inventory;

/// <summary>
/// The configured hierarchy tag keys (customer → cluster → index) the bill inventory reads from billed tags. Every name
/// a key may carry in a bill (<c>polo:customer</c>, CUR's <c>user_</c> / <c>user:</c> / <c>resourceTags/user:</c>
/// prefixes, non-alphanumerics as '_') and how it is matched and normalised is the one tag resolver's rule
/// (<see cref="Tagging.TagResolver"/>).
/// </summary>
public sealed record BillTagKeys(string Customer = "polo:customer", string Cluster = "polo:cluster", string Index = "polo:index");
