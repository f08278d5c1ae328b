using Polo.Data;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>One column of a CUR file as the engine describes it.</summary>
public sealed record CurSourceColumn(string Raw, string Canonical, string Type)
{
    public bool IsString => Type.Contains("String", StringComparison.Ordinal) && !Type.StartsWith("Map", StringComparison.Ordinal);

    public bool IsNumeric => System.Text.RegularExpressions.Regex.IsMatch(Type, @"^(Nullable\()?(U?Int\d+|Float\d+|Decimal)");

    /// <summary>Float64 (Parquet amounts are doubles).</summary>
    public bool IsFloat => System.Text.RegularExpressions.Regex.IsMatch(Type, @"^(Nullable\()?Float64\b");

    public bool IsMap => Type.StartsWith("Map(", StringComparison.Ordinal) || Type.StartsWith("Nullable(Map", StringComparison.Ordinal);

    public bool IsDateTime => Type.Contains("DateTime", StringComparison.Ordinal) || Type.Contains("Date", StringComparison.Ordinal);

    /// <summary>The column as a SQL identifier.</summary>
    public string Sql => "`" + Raw.Replace("\\", "\\\\").Replace("`", "\\`") + "`";
}

/// <summary>
/// The actual columns of one CUR file (DESCRIBE file(…)), by canonical name. CSV columns are all read as String
/// (the engine infers nothing; every value is validated in SQL); Parquet columns keep their stored types.
/// </summary>
public sealed class CurFileSchema
{
    private readonly Dictionary<string, CurSourceColumn> _byCanonical;

    private CurFileSchema(CurFile file, IReadOnlyList<CurSourceColumn> columns)
    {
        File = file;
        Columns = columns;
        _byCanonical = new(StringComparer.Ordinal);
        foreach (var c in columns) _byCanonical.TryAdd(c.Canonical, c);
        TagColumns = columns.Select(c => (Column: c, Key: CurColumnNames.TagKey(c.Raw))).Where(t => t.Key != null)
            .Select(t => (t.Column, t.Key!)).ToList();
    }

    public CurFile File { get; }

    public IReadOnlyList<CurSourceColumn> Columns { get; }

    /// <summary>Legacy per-tag columns with the billed key each one carries.</summary>
    public IReadOnlyList<(CurSourceColumn Column, string Key)> TagColumns { get; }

    public CurSourceColumn? this[string canonical] => _byCanonical.GetValueOrDefault(canonical);

    /// <summary>The same columns, read from the staging table the file was streamed into.</summary>
    public CurFileSchema Staged(string table) => new(File with { StagedTable = table }, Columns);

    /// <summary>The table function reading the file with exactly the columns the mapping needs.</summary>
    public string TableFunction(IEnumerable<CurSourceColumn> used)
    {
        if (File.StagedTable is { } staged) return staged;
        if (File.Format == CurFileFormat.Parquet) return $"file({File.PathLiteral}, 'Parquet')";
        var structure = string.Join(", ", used.Distinct().Select(c => $"{c.Sql} String"));
        return $"file({File.PathLiteral}, 'CSVWithNames', '{structure.Replace("\\", "\\\\").Replace("'", "\\'")}')";
    }

    /// <summary>Settings every read of a CUR file runs with.</summary>
    public const string ReadSettings =
        "input_format_with_names_use_header = 1, input_format_skip_unknown_fields = 1, " +
        "input_format_csv_use_best_effort_in_schema_inference = 0, input_format_csv_allow_variable_number_of_columns = 0, " +
        "input_format_parquet_allow_missing_columns = 1";

    /// <summary>
    /// <see cref="ReadSettings"/> for reads on <paramref name="ch"/>. The embedded engine's Parquet reader prefetches row
    /// groups up to its memory high watermark (4 GB by default), so a large file would otherwise fill the process as it
    /// is read; 256 MB keeps it flat whatever the file's size. The server transport reads staging tables (and a server
    /// older than the setting would refuse it).
    /// </summary>
    public static string ReadSettingsOf(IClickHouse ch) => CurServerStaging.Applies(ch)
        ? ReadSettings
        : ReadSettings + ", input_format_parquet_memory_high_watermark = 268435456";

    public static async Task<CurFileSchema> DescribeAsync(IClickHouse ch, CurFile file, CancellationToken ct)
    {
        if (new FileInfo(file.EnginePath).Length == 0)
            throw new CurFormatException(file.Name, null, "the file is empty (no header line)");
        var fn = CurServerStaging.Applies(ch) ? CurServerStaging.DescribeSource(file)
            : file.Format == CurFileFormat.Parquet ? $"file({file.PathLiteral}, 'Parquet')"
            : $"file({file.PathLiteral}, 'CSVWithNames')";
        List<DescribedColumn> described;
        try
        {
            described = await ch.QueryAsync<DescribedColumn>(
                $"DESCRIBE TABLE {fn} SETTINGS {ReadSettingsOf(ch)}, input_format_max_rows_to_read_for_schema_inference = 1", ct: ct);
        }
        catch (ClickHouseException e)
        {
            throw new CurFormatException(file.Name, null, file.Format == CurFileFormat.Parquet
                ? $"not a readable Parquet file ({CurEngineErrors.Summary(e)})"
                : $"unreadable CSV header ({CurEngineErrors.Summary(e)})");
        }
        var columns = described.Select(d => new CurSourceColumn(d.Name, CurColumnNames.Canonical(d.Name),
            file.Format == CurFileFormat.Csv ? "String" : d.Type)).ToList();
        var schema = new CurFileSchema(file, columns);
        var missing = CurColumnNames.Required.Where(c => schema[c] is null).ToList();
        if (missing.Count > 0)
            throw new CurFormatException(file.Name, null, $"missing required column(s): {string.Join(", ", missing)}");
        return schema;
    }

    private sealed record DescribedColumn(string Name, string Type);
}
