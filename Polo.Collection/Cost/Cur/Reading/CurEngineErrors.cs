using System.Text.RegularExpressions;
using Polo.Data;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>Turns an engine error about a CUR file into a short reason (and the row, when the engine names one).</summary>
public static partial class CurEngineErrors
{
    public static string Summary(ClickHouseException e)
    {
        var text = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? e.Message;
        text = StackTrace().Replace(text, "");
        return text.Length > 300 ? text[..300] + "…" : text.Trim();
    }

    /// <summary>The 1-based data row an engine parse error names ("(at row 5)"), or null.</summary>
    public static long? Row(ClickHouseException e)
    {
        var m = AtRow().Match(e.Message);
        // The engine counts the header as row 1 of a CSVWithNames file.
        return m.Success && long.TryParse(m.Groups[1].Value, out var row) ? Math.Max(1, row - 1) : null;
    }

    public static CurFormatException ToFormatError(CurFile file, ClickHouseException e) =>
        new(file.Name, Row(e), file.Format == CurFileFormat.Csv ? $"malformed CSV record ({Summary(e)})" : $"unreadable Parquet data ({Summary(e)})");

    [GeneratedRegex(@"\(at row (\d+)\)")]
    private static partial Regex AtRow();

    [GeneratedRegex(@"\s*Stack trace.*$", RegexOptions.Singleline)]
    private static partial Regex StackTrace();
}
