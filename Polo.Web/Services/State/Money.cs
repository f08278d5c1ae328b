using System.Globalization;

namespace Polo.Web.Services.State;

/// <summary>Dollar formatting used on every page (en-US whatever the host's locale).</summary>
public static class Money
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Format(decimal amount) => amount.ToString("C2", Us);

    /// <summary>"+$1,234.56" / "−$12.00" / "$0.00".</summary>
    public static string Signed(decimal amount) =>
        amount > 0 ? "+" + Format(amount) : amount < 0 ? "−" + Format(-amount) : Format(0);

    public static string Percent(decimal? pct) =>
        pct is null ? "new" : (pct > 0 ? "+" : pct < 0 ? "−" : "") + Math.Abs(pct.Value).ToString("0.0", Us) + "%";
}
