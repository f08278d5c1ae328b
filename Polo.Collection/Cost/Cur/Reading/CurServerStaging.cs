using System.IO.Compression;
using System.Text;
using Polo.Data;

namespace Polo.Collection.Cost.Cur.Reading;

/// <summary>
/// The server transport's way to read a CUR file the ClickHouse server cannot see: the app streams the file once as
/// the body of <c>INSERT INTO cur_stage_… SELECT *, rowNumberInAllBlocks() FROM input('…') FORMAT …</c> (never
/// buffered whole; a .gz goes as it is, gzip-encoded), into a staging table of the run that every later pass (check,
/// commit, difference) reads instead of <c>file()</c>; the run drops it. The file's columns are described first from
/// what identifies them: a CSV's header line, a Parquet file's footer (its schema), sent as a literal to
/// <c>format()</c>.
/// </summary>
public static class CurServerStaging
{
    public const string TablePrefix = "cur_stage_";

    /// <summary>Whether <paramref name="ch"/> reads CUR files through staging rather than <c>file()</c>.</summary>
    public static bool Applies(IClickHouse ch) => ch.Transport == "server";

    /// <summary>A table function the server can describe: the CSV header line, or the Parquet schema alone.</summary>
    public static string DescribeSource(CurFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Format == CurFileFormat.Parquet
            ? $"format(Parquet, {Literal(ParquetSchemaOnly(file))})"
            : $"format(CSVWithNames, {Literal(Encoding.UTF8.GetBytes(CsvHead(file)))})";
    }

    /// <summary>Streams the file into a new staging table; the schema then reads that table.</summary>
    public static async Task<CurFileSchema> StageAsync(IClickHouse ch, CurFileSchema schema, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ch);
        ArgumentNullException.ThrowIfNull(schema);
        var file = schema.File;
        var table = TablePrefix + Guid.NewGuid().ToString("N");
        var structure = string.Join(", ", schema.Columns.Select(c => $"{c.Sql} {(file.Format == CurFileFormat.Csv ? "String" : c.Type)}"));
        await ch.ExecuteAsync($"CREATE TABLE {table} ({structure}, _row_number UInt64) ENGINE = MergeTree ORDER BY tuple()", ct: ct);
        var format = file.Format == CurFileFormat.Parquet ? "Parquet" : "CSVWithNames";
        var gzipped = file.EnginePath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        await using var data = File.OpenRead(file.EnginePath);
        await ch.ExecuteWithDataAsync(
            $"INSERT INTO {table} SELECT *, rowNumberInAllBlocks() FROM input({Literal(Encoding.UTF8.GetBytes(structure))}) FORMAT {format}",
            data, gzipped, ct);
        return schema.Staged(table);
    }

    /// <summary>Drops the staging tables left in the database (this run's, or a crashed run's).</summary>
    public static Task DropAllAsync(IClickHouse ch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ch);
        return CurScratchTables.DropAsync(ch, TablePrefix, ct);
    }

    /// <summary>The header line and the first data line (schema inference needs a row).</summary>
    private static string CsvHead(CurFile file)
    {
        using var raw = File.OpenRead(file.EnginePath);
        using Stream stream = file.EnginePath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new CurFormatException(file.Name, null, "the file is empty (no header line)");
        return header + "\n" + (reader.ReadLine() is { } first ? first + "\n" : "");
    }

    /// <summary>A Parquet file holding only the footer of <paramref name="file"/>: magic, metadata, its length, magic.</summary>
    private static byte[] ParquetSchemaOnly(CurFile file)
    {
        using var f = File.OpenRead(file.EnginePath);
        var tail = new byte[8];
        if (f.Length < 12) throw new CurFormatException(file.Name, null, "not a readable Parquet file (too short)");
        f.Seek(-8, SeekOrigin.End);
        f.ReadExactly(tail);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (Encoding.ASCII.GetString(tail, 4, 4) != "PAR1" || length <= 0 || length > f.Length - 12)
            throw new CurFormatException(file.Name, null, "not a readable Parquet file (no footer)");
        var footer = new byte[length];
        f.Seek(-8 - length, SeekOrigin.End);
        f.ReadExactly(footer);
        return [.. "PAR1"u8, .. footer, .. tail];
    }

    /// <summary>Bytes as a SQL string literal (every byte escaped, so binary survives).</summary>
    private static string Literal(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 4 + 2).Append('\'');
        foreach (var b in bytes) sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.Append('\'').ToString();
    }
}
