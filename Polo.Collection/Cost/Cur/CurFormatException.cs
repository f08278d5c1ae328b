namespace Polo.Collection.Cost.Cur;

/// <summary>A CUR file that cannot be read as a whole; nothing from it is written.</summary>
public sealed class CurFormatException(string file, long? row, string reason)
    : Exception(row is null ? $"CUR file '{file}': {reason}" : $"CUR file '{file}', row {row}: {reason}")
{
    public string File { get; } = file;

    /// <summary>1-based data row (for CSV the header is line 1, so data row n is line n + 1); null for file-level errors.</summary>
    public long? Row { get; } = row;

    public string Reason { get; } = reason;
}
