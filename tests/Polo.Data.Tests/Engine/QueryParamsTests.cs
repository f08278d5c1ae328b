namespace Polo.Data.Tests.Engine;

/// <summary>A parameter name binds one value: a second value for the same name is refused, never silently kept.</summary>
public sealed class QueryParamsTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    /// <summary>What the SQL builders do: add their parameters under a prefix.</summary>
    private static string Between(QueryParams p, string prefix, DateOnly from, DateOnly to)
    {
        p[$"{prefix}_from"] = from;
        p[$"{prefix}_to"] = to;
        return $"day >= {{{prefix}_from:Date}} AND day < {{{prefix}_to:Date}}";
    }

    [Fact]
    public void A_second_builder_reusing_a_prefix_is_refused_with_the_name()
    {
        var p = new QueryParams();
        Between(p, "r", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 8));

        var e = Assert.Throws<ArgumentException>(() => Between(p, "r", new DateOnly(2026, 9, 24), new DateOnly(2026, 10, 1)));

        Assert.Contains("'r_from'", e.Message);
        Assert.Contains("already set", e.Message);
        Assert.Equal(new DateOnly(2026, 10, 1), p["r_from"]);
    }

    [Fact]
    public async Task Two_builders_picking_the_same_name_fail_clearly_and_the_first_value_is_what_binds()
    {
        var p = new QueryParams();
        p.Add("day", new DateOnly(2026, 10, 1));

        var e = Assert.Throws<ArgumentException>(() => p.Add("day", new DateOnly(2026, 10, 2)));
        Assert.Contains("'day'", e.Message);

        Assert.Equal(1, p.Count);
        Assert.Equal("2026-10-01", await db.Ch.ScalarAsync<string>("SELECT toString({day:Date})", p));
    }

    [Fact]
    public void Names_are_case_sensitive_like_the_engine_s_placeholders()
    {
        var p = new QueryParams { ["a"] = 1, ["A"] = 2 };

        Assert.Equal(2, p.Count);
    }
}
