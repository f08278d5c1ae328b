using System.Globalization;
using System.Text.Json;
using Polo.Collection.Aws;

namespace Polo.Collection.Lifecycle;

/// <summary>Small helpers over CloudTrail's JSON (EC2 uses lowerCamel names and "items" arrays).</summary>
internal static class CloudTrailJson
{
    /// <summary>
    /// An event time as AWS writes it (ISO 8601, UTC). Refused when unreadable, or implausible (<see cref="AwsTimes"/>):
    /// a year like 9999 would also overflow the duplicate window, failing the whole batch.
    /// </summary>
    public static DateTime EventTime(string text, string what)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            throw new MalformedMessageException($"{what} '{Clip(text)}' is not a date");
        if (!AwsTimes.IsPlausible(time))
            throw new MalformedMessageException($"{what} '{Clip(text)}' is not a plausible time (before 2006 or in the future)");
        return time;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;

    public static JsonElement Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    /// <summary>The elements of <c>e.name.items</c> (or of <c>e.name</c> when it is an array).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement e, string name)
    {
        var set = Obj(e, name);
        if (set.ValueKind == JsonValueKind.Object) set = Obj(set, "items");
        return set.ValueKind == JsonValueKind.Array ? set.EnumerateArray().ToList() : [];
    }

    /// <summary>The first string property named <paramref name="name"/> (case-insensitive) anywhere under <paramref name="e"/>.</summary>
    public static string? Find(JsonElement e, string name)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                        return p.Value.GetString();
                foreach (var p in e.EnumerateObject())
                    if (Find(p.Value, name) is { } nested) return nested;
                return null;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                    if (Find(item, name) is { } nested) return nested;
                return null;
            default:
                return null;
        }
    }

    /// <summary>The first object property named <paramref name="name"/> (case-insensitive) anywhere under <paramref name="e"/>.</summary>
    public static JsonElement FindObject(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object)
                    return p.Value;
            foreach (var p in e.EnumerateObject())
                if (FindObject(p.Value, name) is { ValueKind: JsonValueKind.Object } nested) return nested;
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                if (FindObject(item, name) is { ValueKind: JsonValueKind.Object } nested) return nested;
        }
        return default;
    }
}
