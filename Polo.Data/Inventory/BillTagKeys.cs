using System.Text;

namespace Polo.Data.Inventory;

/// <summary>
/// The configured hierarchy tag keys (customer → cluster → index), and every name one of them may carry in a bill's
/// tags: as is (<c>polo:customer</c>), with CUR's <c>user_</c> / <c>user:</c> prefixes, and with non-alphanumeric
/// characters replaced by '_' (<c>user_polo_customer</c>).
/// </summary>
public sealed record BillTagKeys(string Customer = "polo:customer", string Cluster = "polo:cluster", string Index = "polo:index")
{
    public static string[] NamesOf(string key)
    {
        var sanitized = new StringBuilder(key.Length);
        foreach (var c in key) sanitized.Append(char.IsLetterOrDigit(c) ? c : '_');
        return new[] { key, "user_" + key, "user:" + key, sanitized.ToString(), "user_" + sanitized }.Distinct().ToArray();
    }
}
