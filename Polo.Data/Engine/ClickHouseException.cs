using System.Globalization;
using System.Text.RegularExpressions;

namespace Polo.Data;

/// <summary>An error reported by the ClickHouse engine, carrying its code, name and message.</summary>
public class ClickHouseException : Exception
{
    private static readonly Regex CodePattern = new(@"Code:\s*(\d+)", RegexOptions.Compiled);
    private static readonly Regex NamePattern = new(@"\(([A-Z_]{3,})\)", RegexOptions.Compiled);

    public ClickHouseException(string engineMessage, string? sql = null, Exception? inner = null)
        : base(Clean(engineMessage), inner)
    {
        EngineMessage = engineMessage;
        Sql = sql;
        var code = CodePattern.Match(engineMessage);
        Code = code.Success ? int.Parse(code.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        var name = NamePattern.Match(engineMessage);
        ErrorName = name.Success ? name.Groups[1].Value : null;
    }

    public int? Code { get; }
    public string? ErrorName { get; }
    public string EngineMessage { get; }
    public string? Sql { get; }

    /// <summary>The first line of the engine's message without the stack trace, fit for a UI.</summary>
    public static string Clean(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        var stack = line.IndexOf(" Stack trace", StringComparison.Ordinal);
        return stack > 0 ? line[..stack] : line;
    }
}

/// <summary>The engine cannot be reached or loaded at all (missing library, server down).</summary>
public sealed class ClickHouseUnavailableException(string message, Exception? inner = null)
    : ClickHouseException(message, null, inner);
