namespace Polo.Web.Services.Links;

/// <summary>
/// A typed link to one page: the page's own URL keys as properties plus the <see cref="CarriedState"/> every link
/// carries. Each page has one sealed record deriving from it that implements <see cref="IPageLink{TSelf}"/> (its
/// <c>@page</c> template and the parser of its URL); <see cref="PageLinks"/> lists them all and a test checks that
/// every <c>@page</c> route has one and that <c>Parse(link.Href) == link</c>.
/// </summary>
public abstract record PageLink
{
    /// <summary>Range, cost type and theme.</summary>
    public CarriedState Carried { get; init; } = CarriedState.None;

    /// <summary>The path with a leading '/', escaped ("/delta", "/resources/i-0abc").</summary>
    public abstract string Path { get; }

    /// <summary>Writes the page's own keys (the carried ones are written by <see cref="Href"/>).</summary>
    protected abstract void WriteKeys(QueryWriter q);

    /// <summary>The link as a path and query string.</summary>
    public string Href
    {
        get
        {
            var q = new QueryWriter();
            Carried.Write(q);
            WriteKeys(q);
            return q.AppendTo(Path);
        }
    }

    /// <summary>The link carrying the range, cost type and theme of <paramref name="currentUri"/>; what this link sets
    /// itself (a range, say) wins.</summary>
    public string HrefFrom(string currentUri) => (this with { Carried = CarriedState.Of(currentUri).Overlay(Carried) }).Href;

    public override string ToString() => Href;
}

/// <summary>The static half of a page link: its route template and its parser.</summary>
public interface IPageLink<out TSelf> where TSelf : PageLink, IPageLink<TSelf>
{
    /// <summary>The page's <c>@page</c> template, exactly as written there.</summary>
    static abstract string Template { get; }

    /// <summary>Reads a URL of this page back into its link (leniently: unreadable values are left out).</summary>
    static abstract TSelf Parse(QueryValues url);
}

/// <summary>A page comparing its range with a baseline (<c>bfrom</c>, <c>bto</c>): the range bar sets it.</summary>
public interface IComparedLink
{
    PageLink WithBaseline(DateOnly? from, DateOnly? to);
}
