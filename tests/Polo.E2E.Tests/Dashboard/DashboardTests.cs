using System.Globalization;
using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Dashboard;

[Collection(PoloAppCollection.Name)]
public sealed class DashboardTests(PoloAppFixture app)
{
    private static readonly Regex Dollars = new(@"\$([\d,]+(?:\.\d+)?)");

    [Fact]
    public async Task Shows_the_period_cost_as_a_dollar_amount_above_zero()
    {
        await using var s = await app.OpenAsync("/");
        var kpi = s.Page.GetByTestId("kpi-cost");
        await Expect(kpi).ToBeVisibleAsync();
        await Expect(kpi).ToHaveTextAsync(PoloAppFixture.NonZeroDollars);

        var amount = decimal.Parse(Dollars.Match(await kpi.InnerTextAsync()).Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.True(amount > 0, $"kpi-cost shows {amount}");
        foreach (var card in new[] { "kpi-delta", "kpi-unexplained", "kpi-movers" })
            await Expect(s.Page.GetByTestId(card)).ToBeVisibleAsync();
        await s.AssertNoErrorUiAsync();
        s.AssertNoScriptErrors();
    }
}
