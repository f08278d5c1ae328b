namespace Polo.Web.Services.Links;

/// <summary>The collectors' status with <c>collector</c> selected (default: the first).</summary>
public sealed record CollectorsLink(string? Collector = null) : PageLink, IPageLink<CollectorsLink>
{
    public static string Template => "/collectors";
    public override string Path => Template;
    public static CollectorsLink Parse(QueryValues url) => new(url.Text(QueryKeys.Collector)) { Carried = CarriedState.Parse(url) };
    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.Collector, Collector);
}

/// <summary>Budgets measured on <c>at</c> (default: the last day with cost), the <c>budget</c> whose burn shows and the
/// one being edited (<c>edit</c>: an id, or <see cref="New"/>).</summary>
public sealed record BudgetsLink(DateOnly? At = null, string? Budget = null, string? Edit = null) : PageLink, IPageLink<BudgetsLink>
{
    /// <summary>The value of <c>edit</c> for a new budget.</summary>
    public const string New = "new";

    public static string Template => "/budgets";
    public override string Path => Template;

    public static BudgetsLink Parse(QueryValues url) =>
        new(url.Day(QueryKeys.At), url.Text(QueryKeys.Budget), url.Text(QueryKeys.Edit)) { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.At, At).Add(QueryKeys.Budget, Budget).Add(QueryKeys.Edit, Edit);
}

/// <summary>Anomalies: detection settings (<c>window</c> days, <c>seasonal</c>, <c>min</c> impact), the dimension shown
/// (<c>dim</c>) and whether anomalies with feedback show too (<c>show=all</c>).</summary>
public sealed record AnomaliesLink(int? Window = null, bool? Seasonal = null, decimal? Min = null, string? Dimension = null, bool ShowAll = false)
    : PageLink, IPageLink<AnomaliesLink>
{
    /// <summary>The value of <c>show</c> that lists anomalies with feedback too.</summary>
    public const string All = "all";

    public static string Template => "/anomalies";
    public override string Path => Template;

    public static AnomaliesLink Parse(QueryValues url) => new(url.Int(QueryKeys.Window), url.Bool(QueryKeys.Seasonal),
        url.Decimal(QueryKeys.Min), url.Text(QueryKeys.Dimension), url.Text(QueryKeys.Show) == All)
    { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.Window, Window).Add(QueryKeys.Seasonal, Seasonal)
        .Add(QueryKeys.Min, Min).Add(QueryKeys.Dimension, Dimension).Add(QueryKeys.Show, ShowAll ? All : null);
}
