namespace Polo.Web.Services.Links;

/// <summary>The inventory: search, filters, sort and paging.</summary>
public sealed record ResourcesLink(string? Search = null, string? Type = null, string? Account = null, string? Customer = null,
    string? Node = null, string? Sort = null, bool? Descending = null, int? Page = null, int? Size = null)
    : PageLink, IPageLink<ResourcesLink>
{
    public static string Template => "/resources";
    public override string Path => Template;

    public static ResourcesLink Parse(QueryValues url) => new(url.Text(QueryKeys.Search), url.Text(QueryKeys.Type),
        url.Text(QueryKeys.Account), url.Text(QueryKeys.Customer), url.Text(QueryKeys.Node), url.Text(QueryKeys.Sort),
        url.Bool(QueryKeys.Descending), url.Int(QueryKeys.Page), url.Int(QueryKeys.Size))
    { Carried = CarriedState.Parse(url) };

    protected override void WriteKeys(QueryWriter q) => q.Add(QueryKeys.Search, Search).Add(QueryKeys.Type, Type)
        .Add(QueryKeys.Account, Account).Add(QueryKeys.Customer, Customer).Add(QueryKeys.Node, Node).Add(QueryKeys.Sort, Sort)
        .Add(QueryKeys.Descending, Descending).Add(QueryKeys.Page, Page).Add(QueryKeys.Size, Size);
}

/// <summary>One resource's detail page. Ids may hold '/', ':' and other reserved characters: they travel escaped in
/// the path and are unescaped once when read.</summary>
public sealed record ResourceLink(string Id) : PageLink, IPageLink<ResourceLink>
{
    public const string Prefix = "resources/";

    public static string Template => "/resources/{*ResourceId}";
    public override string Path => "/" + Prefix + Uri.EscapeDataString(Id);

    public static ResourceLink Parse(QueryValues url) => new(IdOf(url) ?? "") { Carried = CarriedState.Parse(url) };

    /// <summary>The resource id of a detail-page URL, unescaped once; null when the URL is not one.</summary>
    public static string? IdOf(QueryValues url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.Path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var raw = url.Path[Prefix.Length..];
        return raw.Length == 0 ? null : Uri.UnescapeDataString(raw);
    }

    protected override void WriteKeys(QueryWriter q) { }
}
