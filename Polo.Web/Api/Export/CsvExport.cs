using Microsoft.AspNetCore.WebUtilities;

namespace Polo.Web.Api.Export;

public static class CsvExport
{
    /// <summary>The endpoint with the page URL's query, <paramref name="with"/> applied, and format=csv.</summary>
    public static string Href(string endpoint, string pageUri, IReadOnlyDictionary<string, string?>? with = null)
    {
        var query = QueryHelpers.ParseQuery(new Uri(pageUri).Query)
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString()))
            .Where(kv => kv.Key is not ("page" or "format") && with?.ContainsKey(kv.Key) != true).ToList();
        query.AddRange(with ?? new Dictionary<string, string?>());
        query.Add(new("format", "csv"));
        return QueryHelpers.AddQueryString(endpoint, query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
