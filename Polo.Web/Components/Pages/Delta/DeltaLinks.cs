using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Services;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Pages.Delta;

/// <summary>Links into the Cost Delta page and out to resource detail, carrying the theme.</summary>
public static class DeltaLinks
{
    /// <summary>One day against the seven days before it: "why was this day expensive?".</summary>
    public static string ForDay(string currentUri, DateOnly day) =>
        UrlState.Carry(currentUri, "delta", new Dictionary<string, string?>
        {
            ["from"] = RangeSelection.Day(day),
            ["to"] = RangeSelection.Day(day),
            ["bfrom"] = RangeSelection.Day(day.AddDays(-7)),
            ["bto"] = RangeSelection.Day(day.AddDays(-1)),
        });

    /// <summary>The delta of <paramref name="selection"/> drilled into <paramref name="nodeId"/> (null for all nodes).</summary>
    public static string ForNode(string currentUri, RangeSelection selection, Grouping by, string? nodeId)
    {
        var q = new Dictionary<string, string?>
        {
            ["from"] = RangeSelection.Day(selection.FromDay),
            ["to"] = RangeSelection.Day(selection.ToDay),
            ["by"] = QueryEnums.ToUrl(by),
            ["node"] = nodeId,
        };
        if (selection.BaselineIsExplicit)
        {
            q["bfrom"] = RangeSelection.Day(selection.Baseline.Start);
            q["bto"] = RangeSelection.Day(selection.Baseline.End.AddDays(-1));
        }
        return UrlState.Carry(currentUri, "delta", q);
    }

    /// <summary>"2026-10-01 – 2026-10-07" (inclusive days) or a single day.</summary>
    public static string Days(TimeRange r)
    {
        var first = RangeSelection.Day(r.Start);
        var last = RangeSelection.Day(r.End.AddTicks(-1));
        return first == last ? first : $"{first} – {last}";
    }
}
