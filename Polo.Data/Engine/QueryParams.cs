using System.Collections;
using System.Globalization;
using System.Text;

namespace Polo.Data;

/// <summary>
/// Named parameters for <c>{name:Type}</c> placeholders. Values are sent to the engine separately from the SQL text
/// and bound server-side; nothing is ever interpolated into the statement.
/// </summary>
public sealed class QueryParams : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Sets a parameter once. A name already set is refused: two pieces of SQL that picked the same name
    /// would otherwise bind one value for both, silently.</summary>
    public object? this[string name]
    {
        get => _values[name];
        set => Add(name, value);
    }

    /// <summary>Adds a parameter; a name already set is refused with <see cref="ArgumentException"/>.</summary>
    public void Add(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_values.TryAdd(name, value))
            throw new ArgumentException(
                $"Query parameter '{name}' is already set; each {{{name}:Type}} placeholder binds one value, so a second " +
                "value for the same name is refused (give it another name).", nameof(name));
    }

    public int Count => _values.Count;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text form ClickHouse parses a parameter value from (the Escaped text format).</summary>
    public static string Format(object? value) => value switch
    {
        null => "\\N",
        RawParameter raw => raw.Text,
        string s => Escape(s),
        _ => Literal(value, topLevel: true),
    };

    private static string Literal(object value, bool topLevel) => value switch
    {
        string s => topLevel ? Escape(s) : Quote(s),
        bool b => b ? "true" : "false",
        DateTime dt => Quoted(FormatDateTime(dt), topLevel),
        DateTimeOffset dto => Quoted(FormatDateTime(dto.UtcDateTime), topLevel),
        DateOnly d => Quoted(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), topLevel),
        Guid g => Quoted(g.ToString(), topLevel),
        Enum e => Quoted(e.ToString(), topLevel),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary map => "{" + string.Join(",", EntriesOf(map)
            .Select(e => Literal(e.Key, false) + ":" + (e.Value is null ? "NULL" : Literal(e.Value, false)))) + "}",
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>()
            .Select(i => i is null ? "NULL" : Literal(i, false))) + "]",
        _ => Quoted(value.ToString() ?? "", topLevel),
    };

    private static IEnumerable<DictionaryEntry> EntriesOf(IDictionary map)
    {
        var e = map.GetEnumerator();
        while (e.MoveNext()) yield return e.Entry;
    }

    private static string Quoted(string s, bool topLevel) => topLevel ? s : Quote(s);

    public static string FormatDateTime(DateTime dt)
    {
        var utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt;
        // Whole seconds fit both DateTime and DateTime64 parameters; fractions only where they exist.
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fff";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A quoted literal inside an array or map value: the element parser reads quoted, backslash-escaped text.</summary>
    private static string Quote(string s) => "'" + Escape(s).Replace("'", "\\'") + "'";

    /// <summary>Escapes for ClickHouse's Escaped text format, so the engine reads back exactly the original string.</summary>
    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\0': sb.Append("\\0"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}

/// <summary>A parameter value already in ClickHouse's text form (as received over the HTTP interface); passed as is.</summary>
public sealed record RawParameter(string Text);
