using System.Globalization;
using System.Text;

namespace Polo.Web.Api.Export;

/// <summary>
/// RFC 4180 CSV. A cell that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return) is prefixed with a single quote: tag values and names come from AWS users. Numbers are
/// written invariantly and are not escaped (a negative amount stays a number).
/// </summary>
public static class CsvWriter
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        AppendRow(sb, header.Cast<object?>().ToList());
        foreach (var row in rows) AppendRow(sb, row);
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Cell(cells[i]));
        }
        sb.Append("\r\n");
    }

    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>Text that a spreadsheet would treat as a formula gets a leading quote.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
