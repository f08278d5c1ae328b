using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Changes;
using Polo.Data.Vocabulary;
using Polo.Web.Services.State;
using Polo.Web.Tests.Infrastructure;
using CostsPage = Polo.Web.Components.Pages.Costs.Costs;

namespace Polo.Web.Tests.Costs;

/// <summary>New data landing (a collector run) refreshes an open page without navigation.</summary>
[Collection(ArnDemoEstate.Collection)]
public sealed class CostsLiveRefreshTests(ArnDemoEstate estate) : WebTestContext(estate.Ch)
{
    [Fact]
    public async Task Landed_cost_shows_up_on_the_open_page()
    {
        // 2026-09-20 lies before the demo and outside every range (and previous range) the other page tests read.
        var day = new DateTime(2026, 9, 20, 0, 0, 0, DateTimeKind.Utc);
        var cut = RenderAt<CostsPage>("/costs?from=2026-09-20&to=2026-09-20&chart=table");
        Assert.Single(cut.FindAll("[data-testid=empty]"));

        await new FixtureWriter()
            .Cost("i-late-arrival", ResourceTypes.Instance, new Place("111111111111", "latecomer"), "AmazonEC2", "BoxUsage:m5.large", day, day.AddHours(4), 1.25m)
            .WriteAsync(Ch);
        Services.GetRequiredService<DataChangeNotifier>().Publish(DataKinds.Cost, 4);

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=cost-row][data-key='customer:latecomer']");
            Assert.Equal(Money.Format(5.00m), Text(row.QuerySelector("[data-testid=cost-row-cost]")!));
        }, Timeout);
    }
}
