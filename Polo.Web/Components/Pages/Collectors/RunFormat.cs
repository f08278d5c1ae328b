using System.Globalization;
using MudBlazor;
using Polo.Collection.Runs;

namespace Polo.Web.Components.Pages.Collectors;

/// <summary>How the collectors page writes times, durations and run statuses.</summary>
public static class RunFormat
{
    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Duration(TimeSpan d) =>
        d.TotalSeconds < 1 ? $"{d.TotalMilliseconds:N0} ms" : d.TotalMinutes < 1 ? $"{d.TotalSeconds:N1} s" : $"{d.TotalMinutes:N1} min";

    public static Color StatusColor(string status) => status switch
    {
        RunStatus.Ok => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Running => Color.Info,
        _ => Color.Default,
    };
}
