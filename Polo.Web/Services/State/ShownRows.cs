using System.Globalization;

namespace Polo.Web.Services.State;

/// <summary>How many rows of a long list a page shows (<c>?rows=</c>): a large estate has thousands of customers or
/// causes, and a page renders only the first ones; "show more" links raise the count by <see cref="Step"/>.</summary>
public static class ShownRows
{
    public const int Step = 50;
    public const int Max = 2000;

    /// <summary>The count from the URL (default <see cref="Step"/>), or the default with a problem for bad input.</summary>
    public static int Parse(IReadOnlyDictionary<string, string> query, string key, List<string> problems) =>
        QueryNumbers.WholeNumber(query, key, Step, Max, Step.ToString(CultureInfo.InvariantCulture), problems);

    /// <summary>The count a "show more" link asks for after <paramref name="shown"/> rows.</summary>
    public static int More(int shown) => Math.Min(Max, shown + Step);
}
