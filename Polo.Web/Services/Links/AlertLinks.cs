namespace Polo.Web.Services.Links;

/// <summary>Zero-based rules over the carried range: the <c>rule</c> shown, the <c>violation</c> opened (an alert's
/// link) and the rule being edited (<c>edit</c>: an id, or <see cref="New"/>).</summary>
public sealed record RulesLink(string? Rule = null, string? Violation = null, string? Edit = null) : PageLink, IPageLink<RulesLink>
{
    /// <summary>The value of <c>edit</c> for a new rule.</summary>
    public const string New = "new";

    public static string Template => "/rules";
    public override string Path => Template;

    public static RulesLink Parse(QueryValues url) =>
        new(url.Text(QueryKeys.Rule), url.Text(QueryKeys.Violation), url.Text(QueryKeys.Edit)) { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.Rule, Rule).Add(QueryKeys.Violation, Violation).Add(QueryKeys.Edit, Edit);
}

/// <summary>The notification history, filtered by <c>status</c>, <c>channel</c>, <c>kind</c>, text (<c>q</c>) and the
/// carried days (<c>from</c>/<c>to</c>: when messages were stored), with one message's attempts open (<c>id</c>).</summary>
public sealed record NotificationsLink(string? Status = null, string? Channel = null, string? Kind = null, string? Search = null, string? Message = null)
    : PageLink, IPageLink<NotificationsLink>
{
    public static string Template => "/notifications";
    public override string Path => Template;

    public static NotificationsLink Parse(QueryValues url) => new(url.Text(QueryKeys.Status), url.Text(QueryKeys.Channel), url.Text(QueryKeys.Kind),
        url.Text(QueryKeys.Search), url.Text(QueryKeys.Message))
    { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.Status, Status).Add(QueryKeys.Channel, Channel).Add(QueryKeys.Kind, Kind)
        .Add(QueryKeys.Search, Search).Add(QueryKeys.Message, Message);
}

/// <summary>The weekly digest preview of the week ending <c>at</c> (default: the last day with cost).</summary>
public sealed record DigestLink(DateOnly? At = null) : PageLink, IPageLink<DigestLink>
{
    public static string Template => "/digest";
    public override string Path => Template;
    public static DigestLink Parse(QueryValues url) => new(url.Day(QueryKeys.At)) { Carried = CarriedState.Parse(url) };
    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.At, At);
}
