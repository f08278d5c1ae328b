using Polo.Collection.Core;
using Polo.Collection.Cost.Cur;
using Polo.Collection.Tests.Fakes;

namespace Polo.Collection.Tests.Cost;

/// <summary>
/// Amounts a Parquet CUR holds as doubles reach the ledger as the Decimal128 path has always made them: the double
/// taken to 10 decimals (cut), then rounded half away from zero to 6. The projection computes that in Int64 arithmetic
/// below 9·10⁸ and with Decimal128 above; both must give the engine's own <c>round(toDecimal128(x, 10), 6)</c> of the
/// same file, tie by tie, for costs, optional measures and usage.
/// </summary>
public sealed class CurParquetAmountsTests : FreshDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("polo-cur-amounts-").FullName;

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    /// <summary>Halves at the 7th decimal (both signs), values a double holds just below or above such a half, amounts
    /// past the Int64 path's 9·10⁸ bound, tiny and zero amounts, and ~2,000 pseudo-random ones.</summary>
    private static readonly double[] Edges =
    [
        0.1234565, -0.1234565, 2.675, -2.675, 0.0000005, -0.0000005, 0.0000015, 0.0000025, -0.0000025, 1.0000005,
        0.30000000000000004, 1e-11, -1e-11, 0, 123456789.1234565, -123456789.1234565, 899999999.9999995,
        900000000.0000005, -900000000.0000005, 1234567890.1234565, 98765432101.2345675,
    ];

    [Fact]
    public async Task Each_double_is_rounded_as_the_decimal128_path_rounds_it()
    {
        var path = Path.Combine(_folder, "data", "part-00001.snappy.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var edges = string.Join(", ", Edges.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        // One line per amount; each line's cost, net cost and usage are that amount, its negation and its double.
        await Ch.ExecuteAsync($"""
            INSERT INTO FUNCTION file('{path}', 'Parquet')
            SELECT concat('li-', toString(n)) AS identity_line_item_id,
                   toDateTime64('2026-10-01 00:00:00', 3, 'UTC') AS bill_billing_period_start_date,
                   toDateTime64('2026-10-01 00:00:00', 3, 'UTC') + toIntervalHour(n % 700) AS line_item_usage_start_date,
                   '111111111111' AS line_item_usage_account_id, 'Usage' AS line_item_line_item_type,
                   'AmazonEC2' AS line_item_product_code, 'USE1-BoxUsage:m5.large' AS line_item_usage_type,
                   concat('i-', toString(n)) AS line_item_resource_id, 'Hrs' AS pricing_unit, x AS line_item_unblended_cost,
                   -x AS line_item_net_unblended_cost, x * 2 AS line_item_usage_amount
            FROM
            (
                SELECT number AS n,
                       if(number < {Edges.Length}, [{edges}][number + 1],
                          (toInt64(cityHash64(number) % 2000000000) - 1000000000) / exp10(cityHash64(number, 1) % 12)) AS x
                FROM numbers({Edges.Length + 2000})
            )
            SETTINGS engine_file_truncate_on_insert = 1
            """);

        await new CurCollector(Ch, new CurOptions { Folder = _folder }).RunAsync(new CollectorScope("*", "us-east-1", null), default);

        // A line whose three amounts round to zero is not stored; every other line holds the engine's own rounding.
        const string expected = """
            SELECT line_item_resource_id AS id, line_item_unblended_cost AS x,
                   toDecimal64(round(toDecimal128(x, 10), 6), 6) AS cost,
                   CAST(round(toDecimal128(-x, 10), 6) AS Nullable(Decimal64(6))) AS net,
                   toFloat64(toDecimal128(x * 2, 10)) AS usage
            FROM file('PATH', 'Parquet')
            WHERE cost != 0 OR net != 0 OR usage != 0
            """;
        var mismatches = await Ch.QueryRawAsync($"""
            SELECT f.id, f.x, toString(f.cost), toString(h.cost), toString(h.net_unblended_cost), h.usage_amount
            FROM ({expected.Replace("PATH", path)}) AS f
            LEFT JOIN cost_hourly AS h ON h.resource_id = f.id
            WHERE h.resource_id = '' OR h.cost != f.cost OR h.net_unblended_cost != f.net OR h.usage_amount != f.usage
            """, "TabSeparated");
        Assert.Equal("", mismatches);
        var lines = await CountAsync($"SELECT count() FROM ({expected.Replace("PATH", path)})");
        Assert.Equal(lines, await CountAsync("SELECT count() FROM cost_hourly"));
        Assert.InRange(lines, 2000, Edges.Length + 2000);
        // Both paths ran: amounts past the Int64 path's bound reached the ledger too.
        Assert.InRange(await CountAsync("SELECT count() FROM cost_hourly WHERE abs(cost) >= 900000000"), 4, lines);
    }
}
