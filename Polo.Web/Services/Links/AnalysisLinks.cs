using Polo.Data.Vocabulary;
using Polo.Web.Components.Pages.Costs;

namespace Polo.Web.Services.Links;

/// <summary>The dashboard (<c>/</c>): <c>by</c> (default: the bill's structure).</summary>
public sealed record DashboardLink(Grouping? By = null) : PageLink, IPageLink<DashboardLink>
{
    public static string Template => "/";
    public override string Path => "/";
    public static DashboardLink Parse(QueryValues url) => new(url.Grouping(QueryKeys.By)) { Carried = CarriedState.Parse(url) };
    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.By, By);
}

/// <summary>The Cost Delta: an explicit comparison period (<c>bfrom</c>, <c>bto</c>), <c>by</c>, the node drilled into,
/// the resource selected and the <c>page</c> of the resource table.</summary>
public sealed record DeltaLink(DateOnly? BaselineFrom = null, DateOnly? BaselineTo = null, Grouping? By = null, string? Node = null,
    string? Resource = null, int? Page = null) : PageLink, IPageLink<DeltaLink>, IComparedLink
{
    public PageLink WithBaseline(DateOnly? from, DateOnly? to) => this with { BaselineFrom = from, BaselineTo = to };

    public static string Template => "/delta";
    public override string Path => Template;

    public static DeltaLink Parse(QueryValues url) => new(url.Day(QueryKeys.BaselineFrom), url.Day(QueryKeys.BaselineTo),
        url.Grouping(QueryKeys.By), url.Text(QueryKeys.Node), url.Text(QueryKeys.Resource), url.Int(QueryKeys.Page))
    { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.BaselineFrom, BaselineFrom).Add(QueryKeys.BaselineTo, BaselineTo)
        .Add(QueryKeys.By, By).Add(QueryKeys.Node, Node).Add(QueryKeys.Resource, Resource).Add(QueryKeys.Page, Page);
}

/// <summary>Explain a range: an explicit comparison period (<c>bfrom</c>, <c>bto</c>), <c>by</c> and the first <c>rows</c>
/// causes shown.</summary>
public sealed record ExplainLink(DateOnly? BaselineFrom = null, DateOnly? BaselineTo = null, Grouping? By = null, string? BaselineDays = null,
    int? Rows = null)
    : PageLink, IPageLink<ExplainLink>, IComparedLink
{
    /// <summary>A range bar's baseline replaces a baseline of separate days.</summary>
    public PageLink WithBaseline(DateOnly? from, DateOnly? to) => this with { BaselineFrom = from, BaselineTo = to, BaselineDays = null };

    public static string Template => "/explain";
    public override string Path => Template;

    public static ExplainLink Parse(QueryValues url) =>
        new(url.Day(QueryKeys.BaselineFrom), url.Day(QueryKeys.BaselineTo), url.Grouping(QueryKeys.By), url.Text(QueryKeys.BaselineDays),
            url.Int(QueryKeys.Rows))
        { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) =>
        q.Add(QueryKeys.BaselineFrom, BaselineFrom).Add(QueryKeys.BaselineTo, BaselineTo).Add(QueryKeys.By, By).Add(QueryKeys.BaselineDays, BaselineDays)
            .Add(QueryKeys.Rows, Rows);
}

/// <summary>Costs: <c>by</c> and <c>chart</c> (area, bar, table).</summary>
public sealed record CostsLink(Grouping? By = null, CostChart? Chart = null) : PageLink, IPageLink<CostsLink>
{
    public static string Template => "/costs";
    public override string Path => Template;

    public static CostsLink Parse(QueryValues url) =>
        new(url.Grouping(QueryKeys.By), url.Enum<CostChart>(QueryKeys.Chart)) { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.By, By).AddEnum(QueryKeys.Chart, Chart);
}

/// <summary>The hierarchy explorer with <c>node</c> selected (its path expanded) and the first <c>rows</c> customers shown.</summary>
public sealed record HierarchyLink(string? Node = null, int? Rows = null) : PageLink, IPageLink<HierarchyLink>
{
    public static string Template => "/hierarchy";
    public override string Path => Template;
    public static HierarchyLink Parse(QueryValues url) => new(url.Text(QueryKeys.Node), url.Int(QueryKeys.Rows)) { Carried = CarriedState.Parse(url) };
    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.Node, Node).Add(QueryKeys.Rows, Rows);
}
