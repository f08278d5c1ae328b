using Polo.Data.Analysis;
using Polo.Web.Components.Pages.Dashboard;

namespace Polo.Web.Tests.Dashboard;

public sealed class SpikeTests
{
    private static readonly DateTime Day0 = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Biggest_daily_jumps_rank_drops_and_rises_by_size()
    {
        decimal[] costs = [100, 110, 40, 45, 45, 300];
        var daily = costs.Select((c, i) => new CostPoint(Day0.AddDays(i), c)).ToList();

        var spikes = Spike.Biggest(daily, TimeRange.Create(Day0.AddDays(1), Day0.AddDays(6)));

        Assert.Equal([(5, 255m), (2, -70m), (1, 10m), (3, 5m)],
            spikes.Select(s => (s.Day.Day - 1, s.Change)));
        Assert.True(spikes[1].IsDrop);
        Assert.DoesNotContain(spikes, s => s.Change == 0); // an unchanged day is no jump
    }
}
