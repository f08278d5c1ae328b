using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Polo.Data.Vocabulary;
using Polo.Web.Services.State;

namespace Polo.Web.Services.Links;

/// <summary>Collects a link's query values in their URL form, skipping empty ones, and appends them to a path.</summary>
public sealed class QueryWriter
{
    private readonly List<KeyValuePair<string, string?>> _values = [];

    public QueryWriter Add(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) _values.Add(new(key, value));
        return this;
    }

    public QueryWriter Add(string key, DateOnly? day) => Add(key, day is { } d ? RangeSelection.Day(d) : null);

    public QueryWriter Add(string key, int? n) => Add(key, n?.ToString(CultureInfo.InvariantCulture));

    public QueryWriter Add(string key, decimal? n) => Add(key, n?.ToString(CultureInfo.InvariantCulture));

    public QueryWriter Add(string key, bool? b) => Add(key, b is { } v ? (v ? "true" : "false") : null);

    public QueryWriter Add(string key, Grouping? g) => Add(key, g?.ToString());

    /// <summary>An enum in its lower-case URL form.</summary>
    public QueryWriter AddEnum<T>(string key, T? value) where T : struct, Enum =>
        Add(key, value?.ToString().ToLowerInvariant());

    public string AppendTo(string path) => QueryHelpers.AddQueryString(path, _values);
}
