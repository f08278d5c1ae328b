using Polo.Data.Tagging;

namespace Polo.Collection.Cost.Tagging;

/// <summary>
/// Reads the hierarchy identity from a resource's tags with the shared <see cref="TagResolver"/> (exact key first,
/// a unique case-insensitive match otherwise, the same value normalisation as ec2-config, lifecycle and the CUR SQL).
/// The same tag appears under different names depending on the source: as is in EC2 and CloudTrail
/// (<c>polo:customer</c>), prefixed in CUR 2.0's <c>resource_tags</c> map (<c>user_polo:customer</c>), with the legacy
/// CUR prefix (<c>resourceTags/user:polo:customer</c>), or with non-alphanumerics replaced by '_'.
/// </summary>
public static class HierarchyTagResolver
{
    public static HierarchyIdentity Resolve(IReadOnlyDictionary<string, string> tags, HierarchyTagKeys keys)
    {
        if (tags.Count == 0) return HierarchyIdentity.None;
        return new HierarchyIdentity(Find(tags, keys.Customer) ?? "", Find(tags, keys.Cluster) ?? "", Find(tags, keys.Index) ?? "");
    }

    /// <summary>The normalised value of <paramref name="key"/> under any of its source-specific names, or null.</summary>
    public static string? Find(IReadOnlyDictionary<string, string> tags, string key)
    {
        var found = TagResolver.Find(tags, key);
        return found.Match is TagMatch.Exact or TagMatch.CaseInsensitive ? found.Value : null;
    }

    /// <summary>True when <paramref name="tagName"/> is one of the names <paramref name="key"/> appears under.</summary>
    public static bool IsNameOf(string tagName, string key) => TagResolver.IsNameOf(tagName, key);
}
