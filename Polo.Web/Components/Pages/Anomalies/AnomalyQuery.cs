using System.Globalization;
using Polo.Data.Analysis;
using Polo.Data.Anomalies;
using Polo.Web.Services.Links;

namespace Polo.Web.Components.Pages.Anomalies;

/// <summary>Detection settings from the URL (<c>window</c>, <c>seasonal</c>, <c>min</c>); bad values fall back to the
/// defaults with a problem for the page to show.</summary>
public static class AnomalyQuery
{
    public static AnomalySettings Settings(IReadOnlyDictionary<string, string> query, CostType costType, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(problems);
        var s = new AnomalySettings(CostType: costType);
        if (query.TryGetValue(QueryKeys.Window, out var w) && !string.IsNullOrWhiteSpace(w))
        {
            if (int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 3 and <= 60) s = s with { WindowDays = days };
            else problems.Add($"'window' must be 3 to 60 days (got '{w}'); using {s.WindowDays}.");
        }
        if (query.TryGetValue(QueryKeys.Seasonal, out var seasonal) && !string.IsNullOrWhiteSpace(seasonal))
        {
            if (seasonal is "off" or "false" or "0") s = s with { Seasonal = false };
            else if (seasonal is not ("on" or "true" or "1")) problems.Add($"'seasonal' is on or off (got '{seasonal}'); using on.");
        }
        if (query.TryGetValue(QueryKeys.Min, out var min) && !string.IsNullOrWhiteSpace(min))
        {
            if (decimal.TryParse(min, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) && m >= 0) s = s with { MinImpact = m };
            else problems.Add($"'min' must be an amount like 50 (got '{min}'); using {s.MinImpact.ToString(CultureInfo.InvariantCulture)}.");
        }
        return s;
    }
}
