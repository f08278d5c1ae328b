using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Services.Links;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Delta;

/// <summary>Links into the Cost Delta page, carrying the theme and cost type.</summary>
public static class DeltaLinks
{
    /// <summary>One day against the seven days before it: "why was this day expensive?".</summary>
    public static string ForDay(string currentUri, DateOnly day) =>
        new DeltaLink(day.AddDays(-7), day.AddDays(-1)) { Carried = new CarriedState(day, day) }.HrefFrom(currentUri);

    /// <summary>The delta of <paramref name="selection"/> drilled into <paramref name="nodeId"/> (null for all nodes).</summary>
    public static string ForNode(string currentUri, RangeSelection selection, Grouping by, string? nodeId)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var link = new DeltaLink(By: by, Node: nodeId) { Carried = new CarriedState(selection.FromDay, selection.ToDay) };
        if (selection.BaselineIsExplicit)
            link = link with { BaselineFrom = DateOnly.FromDateTime(selection.Baseline.Start), BaselineTo = DateOnly.FromDateTime(selection.Baseline.End.AddDays(-1)) };
        return link.HrefFrom(currentUri);
    }

    /// <summary>"2026-10-01 – 2026-10-07" (inclusive days) or a single day.</summary>
    public static string Days(TimeRange r)
    {
        var first = RangeSelection.Day(r.Start);
        var last = RangeSelection.Day(r.End.AddTicks(-1));
        return first == last ? first : $"{first} – {last}";
    }
}
