using System.Globalization;

namespace Polo.Web.Services.State;

/// <summary>
/// Amounts as people read them (en-US digits whatever the host's locale), in the bill's currency: <see cref="Currency"/>
/// is set by each page from the currency of the period it shows (pages refuse to add two currencies, see
/// <c>CurrencyQueries</c>). One database normally holds one currency; where it holds several, the page loaded last sets
/// the symbol for the process.
/// </summary>
public static class Money
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["CNY"] = "CN¥", ["INR"] = "₹", ["AUD"] = "A$",
        ["CAD"] = "CA$", ["BRL"] = "R$", ["KRW"] = "₩", ["CHF"] = "CHF ",
    };

    private static volatile string _currency = "USD";

    /// <summary>ISO code of the currency amounts are shown in (default USD).</summary>
    public static string Currency
    {
        get => _currency;
        set => _currency = string.IsNullOrWhiteSpace(value) ? "USD" : value.Trim().ToUpperInvariant();
    }

    /// <summary>The currency's symbol, or its code and a space ("SEK ") where it has no common symbol.</summary>
    public static string Symbol(string currency) => Symbols.GetValueOrDefault(currency, currency + " ");

    public static string Format(decimal amount) => Format(amount, Currency);

    /// <summary>"$1,234.56", "€1,234.56", "SEK 1,234.56"; negative amounts as "-$12.00".</summary>
    public static string Format(decimal amount, string currency)
    {
        var digits = currency.Equals("JPY", StringComparison.OrdinalIgnoreCase) || currency.Equals("KRW", StringComparison.OrdinalIgnoreCase) ? "N0" : "N2";
        var text = Math.Abs(amount).ToString(digits, Us);
        return (amount < 0 ? "-" : "") + Symbol(currency) + text;
    }

    /// <summary>"+$1,234.56" / "−$12.00" / "$0.00".</summary>
    public static string Signed(decimal amount) =>
        amount > 0 ? "+" + Format(amount) : amount < 0 ? "−" + Format(-amount) : Format(0);

    public static string Percent(decimal? pct) =>
        pct is null ? "new" : (pct > 0 ? "+" : pct < 0 ? "−" : "") + Math.Abs(pct.Value).ToString("0.0", Us) + "%";
}
