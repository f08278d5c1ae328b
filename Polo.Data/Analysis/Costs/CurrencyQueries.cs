using Polo.Data.Analysis.Sql;

namespace Polo.Data.Analysis.Costs;

/// <summary>The currencies a bill's amounts are in (<c>currency</c>, migration 020). Amounts in two currencies are
/// never added: a question spanning both gets <see cref="MixedCurrencyException"/> instead of a sum.</summary>
public sealed class CurrencyQueries(IClickHouse ch) : ICurrencyQueries
{
    public const string Default = "USD";

    private sealed record CurrencyRow(string Currency);

    /// <summary>Currencies with cost in any of <paramref name="ranges"/>, in order.</summary>
    public async Task<IReadOnlyList<string>> InAsync(IReadOnlyCollection<TimeRange> ranges, CancellationToken ct = default)
    {
        if (ranges.Count == 0) return [];
        var p = new QueryParams();
        var src = ranges.All(CostSource.IsWholeDays) ? CostSource.Rollup : CostSource.Hourly;
        var within = string.Join(" OR ", ranges.Select((r, i) => src.Between(r, p, $"c{i}")));
        var rows = await ch.QueryAsync<CurrencyRow>(
            $"SELECT DISTINCT toString(currency) AS currency FROM {src.Table} WHERE {within} ORDER BY currency", p, ct)
            .ConfigureAwait(false);
        return rows.Select(r => r.Currency).ToList();
    }
}

/// <summary>The one currency of a question, from any <see cref="ICurrencyQueries"/> (cached or not).</summary>
public static class CurrencyQueriesExtensions
{
    /// <summary>The one currency of <paramref name="ranges"/> (USD when they hold no cost); throws
    /// <see cref="MixedCurrencyException"/> when they hold more than one.</summary>
    public static async Task<string> SingleAsync(this ICurrencyQueries currencies, IReadOnlyCollection<TimeRange> ranges, CancellationToken ct = default)
    {
        var found = await currencies.InAsync(ranges, ct).ConfigureAwait(false);
        return found.Count switch
        {
            0 => CurrencyQueries.Default,
            1 => found[0],
            _ => throw new MixedCurrencyException(found),
        };
    }
}

/// <summary>A question whose amounts are in more than one currency; Polo shows this instead of a sum.</summary>
public sealed class MixedCurrencyException(IReadOnlyList<string> currencies) : ArgumentException(
    $"The bill holds amounts in {string.Join(" and ", currencies)} in this period. Polo never adds amounts in different " +
    "currencies; pick a period billed in one currency.")
{
    public IReadOnlyList<string> Currencies { get; } = currencies;
}
