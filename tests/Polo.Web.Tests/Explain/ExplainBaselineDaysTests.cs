using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Web.Components.Pages.Anomalies;
using Polo.Web.Components.Pages.Explain;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;

namespace Polo.Web.Tests.Explain;

/// <summary>An anomaly's link opens /explain against exactly the detector's baseline days (bdays), not their span.</summary>
[Collection(RepricedDemoEstate.Collection)]
public sealed class ExplainBaselineDaysTests(RepricedDemoEstate estate) : WebTestContext(estate.Ch)
{
    [Fact]
    public async Task The_anomaly_link_decomposes_the_day_against_the_detectors_baseline_days()
    {
        var day = new DateOnly(2026, 10, 26); // a Monday: its seasonal baseline skips the weekends
        var baseline = AnomalyDetector.BaselineDays(day, new AnomalySettings());
        var anomaly = new Anomaly(Anomaly.IdOf(AnomalyDimensions.Total, "total", day), AnomalyDimensions.Total, "total", "Total", day, 1m, 1m, 1m, 3.5,
            AnomalySeverity.Critical, baseline);
        var href = AnomalyLinks.Explain("http://localhost/anomalies", anomaly);
        Assert.Contains("bdays=", href, StringComparison.Ordinal);

        var cut = RenderAt<ExplainPage>(href);
        cut.WaitFor("delta-header");
        Assert.Contains("7 separate days", cut.Text("baseline-days"), StringComparison.Ordinal);
        var period = RangeSelection.ToRange(day, day);
        var exact = await Get<IDeltaDecomposer>().DecomposeAsync(DeltaBaseline.Days(baseline), period, Polo.Data.Vocabulary.Grouping.Customer);
        var span = await Get<IDeltaDecomposer>().DecomposeAsync(RangeSelection.ToRange(baseline[0], baseline[^1]), period, Polo.Data.Vocabulary.Grouping.Customer);
        Assert.NotEqual(exact.BaselineCost, span.BaselineCost); // the weekends in the span would change the expected cost
        Assert.Contains(Money.Format(exact.BaselineCost), cut.Text("delta-header"), StringComparison.Ordinal);
        Assert.Contains(Money.Signed(exact.Delta), cut.Text("causes-sum"), StringComparison.Ordinal);
    }
}
