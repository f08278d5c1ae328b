using System.Globalization;
using System.Text.Json;

namespace Polo.Collection.Cost.Cur;

/// <summary>Parses CUR text values; every failure names the file, the row and the column.</summary>
internal sealed class CurValueParser(string file)
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public CurFormatException Error(long row, string reason) => new(file, row, reason);

    public DateTime Date(long row, string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Error(row, $"{column} is empty");
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
            throw Error(row, $"{column} '{text}' is not a date");
        return value;
    }

    public decimal Decimal(long row, string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0m;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Error(row, $"{column} '{text}' is not a number");
        return value;
    }

    public double Double(long row, string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0d;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error(row, $"{column} '{text}' is not a number");
        return value;
    }

    public string Required(long row, string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Error(row, $"{column} is empty");
        return text.Trim();
    }

    /// <summary>resource_tags in CSV: a JSON object of string values (empty cell = no tags).</summary>
    public IReadOnlyDictionary<string, string> Tags(long row, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return NoTags;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Null) return NoTags;
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw Error(row, $"{CurColumns.ResourceTags} is not a JSON object");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
                tags[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            return tags;
        }
        catch (JsonException e)
        {
            throw Error(row, $"{CurColumns.ResourceTags} is not valid JSON ({e.Message.Split('.')[0]})");
        }
    }
}
