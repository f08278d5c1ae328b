namespace Polo.Web.Services.Links;

/// <summary>The router's page for a route no page handles.</summary>
public sealed record NotFoundLink : PageLink, IPageLink<NotFoundLink>
{
    public static string Template => "/not-found";
    public override string Path => Template;
    public static NotFoundLink Parse(QueryValues url) => new() { Carried = CarriedState.Parse(url) };
    protected override void WriteKeys(QueryWriter q) { }
}

/// <summary>The server's error page (an unhandled exception during a request).</summary>
public sealed record ErrorLink : PageLink, IPageLink<ErrorLink>
{
    public static string Template => "/Error";
    public override string Path => Template;
    public static ErrorLink Parse(QueryValues url) => new() { Carried = CarriedState.Parse(url) };
    protected override void WriteKeys(QueryWriter q) { }
}
