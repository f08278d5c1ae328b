namespace Polo.Web.Services.Links;

/// <summary>Every query-string key a page reads or a link writes, spelled once. Pages parse and links build through
/// these names (see <see cref="PageLink"/>), so a key never drifts between the page that reads it and a link to it.</summary>
public static class QueryKeys
{
    // Carried between pages (CarriedState).
    public const string From = "from";
    public const string To = "to";
    public const string Cost = "cost";
    public const string Theme = "theme";

    // Comparison period and drill-down (delta, explain).
    public const string BaselineFrom = "bfrom";
    public const string BaselineTo = "bto";
    /// <summary>A baseline of separate days (comma-separated), replacing bfrom/bto (see <c>State/BaselineDays</c>).</summary>
    public const string BaselineDays = "bdays";
    public const string By = "by";
    public const string Node = "node";
    public const string Resource = "resource";
    /// <summary>How many rows a long list shows (Hierarchy roots, Explain causes; "show more" raises it).</summary>
    public const string Rows = "rows";

    // Costs.
    public const string Chart = "chart";

    // Resources.
    public const string Search = "q";
    public const string Type = "type";
    public const string Account = "account";
    public const string Customer = "customer";
    public const string Sort = "sort";
    public const string Descending = "desc";
    public const string Page = "page";
    public const string Size = "size";

    // Collectors.
    public const string Collector = "collector";

    // Budgets.
    public const string At = "at";
    public const string Edit = "edit";
    public const string Budget = "budget";

    // Anomalies.
    public const string Window = "window";
    public const string Seasonal = "seasonal";
    public const string Min = "min";
    public const string Dimension = "dim";
    public const string Show = "show";

    // Rules.
    public const string Rule = "rule";
    public const string Violation = "violation";

    // Notifications history.
    public const string Status = "status";
    public const string Channel = "channel";
    public const string Kind = "kind";
    public const string Message = "id";

    /// <summary>The value of <see cref="Theme"/> for the dark theme (absent: light).</summary>
    public const string Dark = "dark";
}
