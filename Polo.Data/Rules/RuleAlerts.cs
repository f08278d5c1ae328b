using System.Globalization;
using Polo.Data.Notifications;

namespace Polo.Data.Rules;

/// <summary>A rule violation as an alert, and the link to its explanation: the rules page with the violation open
/// (its resources, the day, the value against the limit, and from there /explain of the day).</summary>
public static class RuleAlerts
{
    public static string ExplainPath(RuleViolation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return $"/rules?rule={Uri.EscapeDataString(v.Rule.Id)}&violation={Uri.EscapeDataString(v.Id)}&from={Day(v.Day)}&to={Day(v.Day)}";
    }

    public static Alert ToAlert(RuleViolation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var value = Format(v.Rule, v.Value);
        var resources = v.Resources.Take(5).Select(r => $"{r.ResourceId} ({Format(v.Rule, r.Value)})").ToList();
        var text = $"{v.Rule.Name}: {v.Group} was {value} on {Day(v.Day)} ({v.Day.DayOfWeek}); the rule allows {v.Rule.Condition}." +
                   (resources.Count == 0 ? "" : " Resources: " + string.Join(", ", resources) + (v.Resources.Count > 5 ? $" and {v.Resources.Count - 5} more." : "."));
        return new Alert(
            Key: "violation|" + v.Id,
            Kind: Alert.ViolationKind,
            Severity: v.Rule.Severity,
            SeriesKey: $"{v.Rule.Id}|{v.Group}",
            Title: $"Rule broken: {v.Rule.Name} — {v.Group} {value} on {Day(v.Day)}",
            Text: text,
            Link: ExplainPath(v),
            Fields: [("Rule", v.Rule.Name), ("Value", value), ("Allowed", v.Rule.Condition), ("Day", Day(v.Day))])
        {
            Channels = v.Rule.Channels is { Count: > 0 } c ? c : null,
            Cooldown = v.Rule.CooldownMinutes >= 0 ? TimeSpan.FromMinutes(v.Rule.CooldownMinutes) : null,
        };
    }

    public static string Format(Rule rule, decimal value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Measure switch
        {
            RuleMeasure.Cost => "$" + value.ToString("#,##0.00", CultureInfo.InvariantCulture),
            RuleMeasure.Share => value.ToString("0.##", CultureInfo.InvariantCulture) + " %",
            _ => value.ToString("#,##0.##", CultureInfo.InvariantCulture),
        };
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
