using System.Text.RegularExpressions;

namespace Polo.E2E.Tests.Infrastructure;

/// <summary>Regexes for URLs whose query keys may come in any order.</summary>
internal static class UrlPatterns
{
    /// <summary>Path <paramref name="path"/> with every one of <paramref name="keys"/> present in the query.</summary>
    public static Regex PathWithKeys(string path, params string[] keys) =>
        new("^[^?#]*" + Regex.Escape(path) + @"\?" + string.Concat(keys.Select(k => $@"(?=(?:.*&)?{Regex.Escape(k)}=[^&#]+)")));

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
