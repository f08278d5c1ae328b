using Polo.Data.Analysis;

namespace Polo.Web.Components.Pages.Dashboard;

/// <summary>A day whose cost moved from the day before (up or down): a place to start asking "why?".</summary>
public sealed record Spike(DateOnly Day, decimal Cost, decimal PreviousDayCost)
{
    public decimal Change => Cost - PreviousDayCost;

    public bool IsDrop => Change < 0;

    /// <summary>The biggest day-over-day changes, rises and drops alike, among the days of <paramref name="range"/>,
    /// largest first. <paramref name="daily"/> should include the day before the range so its first day can be compared.</summary>
    public static IReadOnlyList<Spike> Biggest(IReadOnlyList<CostPoint> daily, TimeRange range, int count = 5)
    {
        var ordered = daily.OrderBy(p => p.Bucket).ToList();
        var spikes = new List<Spike>();
        for (var i = 1; i < ordered.Count; i++)
        {
            var day = ordered[i];
            if (day.Bucket < range.Start || day.Bucket >= range.End) continue;
            if (ordered[i].Bucket - ordered[i - 1].Bucket != TimeSpan.FromDays(1)) continue;
            if (day.Cost != ordered[i - 1].Cost)
                spikes.Add(new Spike(DateOnly.FromDateTime(day.Bucket), day.Cost, ordered[i - 1].Cost));
        }
        return spikes.OrderByDescending(s => Math.Abs(s.Change)).ThenBy(s => s.Day).Take(count).ToList();
    }
}
