namespace Polo.Data.Tests.Engine;

/// <summary>The positional reader of JSONCompactEachRow output, on the engine's own output: escaped strings, quoted
/// 64-bit integers, exact decimals, floats and Unix-second times, row by row; a row with a column more than read is refused.</summary>
public sealed class CompactRowReaderTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private sealed record Values(string Text, long Count, decimal Cost, double Usage, DateTime At);

    [Fact]
    public async Task Reads_each_column_type_in_order()
    {
        var text = await db.Ch.QueryRawAsync("""
            SELECT concat('quote"d\ttab\\back ', toString(number), ' é') AS text, toUInt64(18446744073709551615 - number) % 9007199254740993 AS n,
                   toDecimal128('12345678901234567890.123456', 6) - number AS cost, 0.1 + number AS usage,
                   toUInt32(toDateTime('2026-10-31 23:00:00', 'UTC')) AS at
            FROM numbers(3) ORDER BY number
            """, "JSONCompactEachRow");
        var rows = new List<Values>();
        var r = new CompactRowReader(text);
        while (r.NextRow())
        {
            rows.Add(new Values(r.String(), r.Int64(), r.Decimal(), r.Double(), r.UnixSeconds()));
            r.EndRow();
        }

        Assert.Equal(3, rows.Count);
        var at = new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"quote\"d\ttab\\back {i} é", rows[i].Text);
            Assert.Equal((long)((ulong.MaxValue - (ulong)i) % 9007199254740993UL), rows[i].Count);
            Assert.Equal(12345678901234567890.123456m - i, rows[i].Cost);
            Assert.Equal(0.1 + i, rows[i].Usage);
            Assert.Equal((at, DateTimeKind.Utc), (rows[i].At, rows[i].At.Kind));
        }
    }

    [Fact]
    public async Task A_row_with_more_columns_than_read_is_refused()
    {
        var text = await db.Ch.QueryRawAsync("SELECT 'a', 1", "JSONCompactEachRow");
        Assert.Throws<FormatException>(() =>
        {
            var r = new CompactRowReader(text);
            r.NextRow();
            r.String();
            r.EndRow();
        });
    }
}
