using System.Globalization;
using System.Text.RegularExpressions;
using Polo.E2E.Tests.Infrastructure;

namespace Polo.E2E.Tests.Live;

/// <summary>
/// An open dashboard updates by itself when a collector lands data: a CUR file with one new line item is applied by
/// the <c>cur</c> collector (Run now on /collectors, in another browser context) and the first page's period cost
/// rises by exactly that line's cost, without reloading or navigating it.
/// </summary>
[Collection(PoloAppCollection.Name)]
public sealed class LiveRefreshTests(PoloAppFixture app)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// A resource the demo does not have, without hierarchy tags. Kept small next to a demo day's cost so the line
    /// does not reorder the dashboard's spikes or the causes the other tests look for, whatever order they run in.
    /// </summary>
    private const string ResourceId = "i-0live000000000001";
    private const decimal LineCost = 12.34m;

    [Fact]
    public async Task The_dashboard_cost_rises_live_when_the_cur_collector_lands_a_line()
    {
        var last = app.LastDataDay;
        var dashboard = $"/?from={UrlPatterns.Day(last.AddDays(-6))}&to={UrlPatterns.Day(last)}";
        await using var a = await app.OpenAsync(dashboard);
        await a.WaitForLoadedAsync();
        var cost = a.Page.GetByTestId("kpi-cost-value");
        await Expect(cost).ToHaveTextAsync(PoloAppFixture.NonZeroDollars);
        var before = decimal.Parse((await cost.InnerTextAsync()).Trim(), NumberStyles.Currency, Us);
        var expected = (before + LineCost).ToString("C2", Us);
        var urlBefore = a.Page.Url;

        // Midday of the last demo day: inside page A's range, and the data's last hour (the default ranges) is unchanged.
        var hour = last.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        File.WriteAllText(Path.Combine(app.CurFolder, "live-00001.csv"), CurCsv(hour));

        await using var b = await app.OpenAsync("/collectors");
        var row = b.Page.Locator("tr").Filter(new() { Has = b.Page.GetByTestId("collector-name").GetByText("cur", new() { Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByTestId("run-now").ClickAsync();
        // The snackbar is shown only for a run started from this page, once that run's batch has finished.
        await Expect(b.Page.GetByText(new Regex(@"^cur finished: [1-9][0-9]* rows written\.$"))).ToBeVisibleAsync();
        await Expect(row.GetByTestId("collector-status")).ToHaveTextAsync(new Regex(@"^\s*ok\s*$"));

        await Expect(cost).ToHaveTextAsync(expected, new() { Timeout = 30_000 });
        Assert.Equal(urlBefore, a.Page.Url);
        await a.AssertNoErrorUiAsync();
        a.AssertNoScriptErrors();
        await b.AssertNoErrorUiAsync();
    }

    private static string CurCsv(DateTime hour) =>
        CurFiles.OneLine("li-live-1", hour, "100000000001", "BoxUsage:m5.large", ResourceId, LineCost);
}
