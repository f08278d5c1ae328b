using System.Text;

namespace Polo.Collection.Cost.Tagging;

/// <summary>
/// Reads the hierarchy identity from a resource's tags. The same tag appears under different names depending on
/// the source: as is in EC2 and CloudTrail (<c>polo:customer</c>), prefixed in CUR 2.0's <c>resource_tags</c> map
/// (<c>user_polo:customer</c>), with the legacy CUR prefix (<c>resourceTags/user:polo:customer</c>), or with
/// non-alphanumeric characters replaced by '_' (<c>user_polo_customer</c>). All of them are accepted.
/// </summary>
public static class HierarchyTagResolver
{
    public static HierarchyIdentity Resolve(IReadOnlyDictionary<string, string> tags, HierarchyTagKeys keys)
    {
        if (tags.Count == 0) return HierarchyIdentity.None;
        return new HierarchyIdentity(Find(tags, keys.Customer) ?? "", Find(tags, keys.Cluster) ?? "", Find(tags, keys.Index) ?? "");
    }

    /// <summary>The value of <paramref name="key"/> under any of its source-specific names, or null.</summary>
    public static string? Find(IReadOnlyDictionary<string, string> tags, string key)
    {
        foreach (var name in NamesOf(key))
            if (tags.TryGetValue(name, out var value)) return value;
        // Case-insensitive fallback: exports lower-case tag keys in some configurations.
        foreach (var name in NamesOf(key))
            foreach (var (k, v) in tags)
                if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }

    /// <summary>True when <paramref name="tagName"/> is one of the names <paramref name="key"/> appears under.</summary>
    public static bool IsNameOf(string tagName, string key) =>
        NamesOf(key).Any(n => string.Equals(n, tagName, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> NamesOf(string key)
    {
        var sanitized = Sanitize(key);
        yield return key;
        yield return "user_" + key;
        yield return "user:" + key;
        yield return "resourceTags/user:" + key;
        yield return sanitized;
        yield return "user_" + sanitized;
    }

    private static string Sanitize(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in key) sb.Append(char.IsLetterOrDigit(c) ? c : '_');
        return sb.ToString();
    }
}
