using Microsoft.AspNetCore.Components;
using Polo.Data.Analysis;
using Polo.Web.Services.State;

namespace Polo.Web.Components.Shared;

/// <summary>
/// Base for pages that show a time range (<see cref="RangeBar"/>): it reads the data's extent, resolves the URL's
/// range against it (<see cref="RangeSelection.From"/>) and knows the last day with data. The page's own load
/// (<see cref="LoadRangeAsync"/>) gets the resolved range and returns what to apply; the base applies it, together with
/// <see cref="Selection"/>, <see cref="LastDataDay"/> and <see cref="Problems"/>, only after the last await and only
/// when no newer URL superseded the load, so a page never shows half of one load and half of another.
/// </summary>
public abstract class RangePage : UrlDrivenPage
{
    [Inject] private ICostQueries CostQueries { get; set; } = default!;

    /// <summary>The range (and baseline, cost type) the page shows; null until the first load.</summary>
    protected RangeSelection? Selection { get; private set; }

    /// <summary>The last day holding cost; the range bar's presets end there.</summary>
    protected DateOnly? LastDataDay { get; private set; }

    /// <summary>What was wrong in the URL: the range's problems, then the page's own (<see cref="RangeLoad.Problems"/>).</summary>
    protected IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Loads the page's figures for <paramref name="load"/> and returns the action that assigns them to the
    /// page's fields. Never assign fields before the returned action runs.</summary>
    protected abstract Task<Action> LoadRangeAsync(RangeLoad load, CancellationToken ct);

    protected sealed override async Task LoadAsync(IReadOnlyDictionary<string, string> query, CancellationToken ct)
    {
        var extent = await CostQueries.ExtentAsync(ct);
        var load = new RangeLoad(query, RangeSelection.From(query, extent), extent);
        var apply = await LoadRangeAsync(load, ct);
        ct.ThrowIfCancellationRequested();   // a newer URL is loading: keep its figures, not these
        Selection = load.Selection;
        LastDataDay = load.LastDataDay;
        Problems = [.. load.Selection.Problems, .. load.Problems];
        apply();
    }
}

/// <summary>One load of a <see cref="RangePage"/>: the URL's query, the range resolved against the data, the extent,
/// and the problems the page found in its own keys.</summary>
public sealed class RangeLoad(IReadOnlyDictionary<string, string> query, RangeSelection selection, DataExtent extent)
{
    public IReadOnlyDictionary<string, string> Query { get; } = query;

    public RangeSelection Selection { get; } = selection;

    public DataExtent Extent { get; } = extent;

    /// <summary>The last day holding cost, or null when there is no cost yet.</summary>
    public DateOnly? LastDataDay => Extent.LastHour is { } last ? DateOnly.FromDateTime(last) : null;

    /// <summary>The page adds what it ignored in its own keys (shown after the range's problems).</summary>
    public List<string> Problems { get; } = [];
}
