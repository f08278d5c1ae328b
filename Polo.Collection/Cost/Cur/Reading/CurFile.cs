namespace Polo.Collection.Cost.Cur.Reading;

public enum CurFileFormat { Csv, Parquet }

/// <summary>
/// One CUR data file as the engine reads it: <see cref="EnginePath"/> is the file itself, or for a .csv.zip the CSV
/// extracted next to the run's temporary files (the engine is built without zip support). <see cref="Name"/> is the
/// path relative to the CUR folder, used in every message. <see cref="StagedTable"/> is set on the server transport,
/// once the file is streamed into the run's staging table (<see cref="CurServerStaging"/>).
/// </summary>
public sealed record CurFile(string Name, string SourcePath, string EnginePath, CurFileFormat Format, string? StagedTable = null)
{
    public static bool IsSupported(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csv.zip", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static CurFileFormat FormatOf(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? CurFileFormat.Parquet : CurFileFormat.Csv;

    /// <summary>The path as a SQL string literal (file() takes no bound parameters).</summary>
    public string PathLiteral => "'" + EnginePath.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
