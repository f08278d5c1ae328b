using Polo.Web.Api.Export;

namespace Polo.Web.Tests.Api;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    public void Text_cells_that_a_spreadsheet_would_run_are_defused_and_quoted_per_rfc_4180(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void Numbers_and_days_are_invariant_and_negative_amounts_stay_numbers()
    {
        Assert.Equal("-12.50", CsvWriter.Cell(-12.50m));
        Assert.Equal("2026-10-01", CsvWriter.Cell(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2026-10-01T05:00:00Z", CsvWriter.Cell(new DateTime(2026, 10, 1, 5, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("a,b\r\n'=1,2\r\n", CsvWriter.Write(["a", "b"], [["=1", 2]]));
    }
}
