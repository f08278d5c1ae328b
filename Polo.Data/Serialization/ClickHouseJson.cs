using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polo.Data;

/// <summary>JSON settings shared by reads (JSONEachRow output) and writes (JSONEachRow input): snake_case columns,
/// 64-bit integers that may arrive quoted, and ClickHouse's "yyyy-MM-dd HH:mm:ss.fff" UTC timestamps.</summary>
public static class ClickHouseJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNameCaseInsensitive = true,
        Converters = { new UtcDateTimeConverter(), new DateOnlyConverter() },
    };

    public static List<T> ParseRows<T>(string jsonEachRow)
    {
        var rows = new List<T>();
        foreach (var line in jsonEachRow.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace()) continue;
            rows.Add(JsonSerializer.Deserialize<T>(line, Options)!);
        }
        return rows;
    }

    public static byte[] ToJsonEachRow<T>(IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var row in rows)
            {
                JsonSerializer.Serialize(writer, row, Options);
                writer.Flush();
                buffer.WriteByte((byte)'\n');
                writer.Reset();
            }
        }
        return buffer.ToArray();
    }

    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        private static readonly string[] Formats =
            ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "O"];

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
                return DateTime.UnixEpoch.AddSeconds(reader.GetDouble());
            var s = reader.GetString() ?? throw new JsonException("null timestamp");
            return DateTime.ParseExact(s, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(QueryParams.FormatDateTime(value));
    }

    private sealed class DateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateOnly.ParseExact(reader.GetString()![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
