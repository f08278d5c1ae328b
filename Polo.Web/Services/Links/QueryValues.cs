using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Polo.Data.Vocabulary;

namespace Polo.Web.Services.Links;

/// <summary>
/// A URL split into its raw base-relative path (still escaped, no leading '/') and its query values (keys
/// case-insensitive). Readers are lenient, for links: a missing, blank or unreadable value is null. Pages that must say
/// what was wrong with a value read it with their own validating parsers.
/// </summary>
public sealed class QueryValues
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public QueryValues(string path, IReadOnlyDictionary<string, string> values)
    {
        Path = path;
        _values = values;
    }

    /// <summary>The path without its leading '/', escaped as in the URL ("resources/arn%3Aaws…").</summary>
    public string Path { get; }

    /// <summary>Splits an absolute URL or a path-and-query ("/delta?by=account", "https://host/delta?…#x").</summary>
    public static QueryValues Of(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var rest = uri.Split('#')[0];
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var pathStart = rest.IndexOf('/', scheme + 3);
            rest = pathStart < 0 ? "" : rest[pathStart..];
        }
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        var path = (q < 0 ? rest : rest[..q]).TrimStart('/');
        var query = q < 0 ? "" : rest[q..];
        var values = QueryHelpers.ParseQuery(query)
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new QueryValues(path, values);
    }

    public IReadOnlyDictionary<string, string> All => _values;

    public string? Text(string key) => _values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public DateOnly? Day(string key) => ParseDay(Text(key));

    /// <summary>A day as the URL writes it (2026-08-01), or null.</summary>
    public static DateOnly? ParseDay(string? raw) =>
        raw is not null && DateOnly.TryParseExact(raw.Trim(), State.RangeSelection.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public int? Int(string key) =>
        Text(key) is { } raw && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public decimal? Decimal(string key) =>
        Text(key) is { } raw && decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool? Bool(string key) => Text(key) switch
    {
        null => null,
        "1" => true,
        "0" => false,
        var raw => bool.TryParse(raw, out var b) ? b : null,
    };

    public Grouping? Grouping(string key) => Data.Vocabulary.Grouping.TryParse(Text(key), out var g) ? g : null;

    /// <summary>An enum by its lower-case name (area, bar…).</summary>
    public T? Enum<T>(string key) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Where(v => string.Equals(v.ToString(), Text(key), StringComparison.OrdinalIgnoreCase)).Cast<T?>().FirstOrDefault();
}
