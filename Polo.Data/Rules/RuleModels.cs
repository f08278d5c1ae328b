using System.Globalization;
using Polo.Data.Analysis;

namespace Polo.Data.Rules;

/// <summary>What a rule measures per group and day: cost, usage amount (e.g. GB), or the share (%) of the group's cost
/// that is inside the scope.</summary>
public enum RuleMeasure
{
    Cost,
    Usage,
    Share,
}

/// <summary>The group a rule's value is counted per, each day.</summary>
public enum RuleGrain
{
    Total,
    Account,
    Customer,
    Cluster,
    Resource,
}

/// <summary>The days a rule applies on.</summary>
public enum RuleDays
{
    All,
    Weekdays,
    Weekends,
}

/// <summary>
/// A zero-based rule: the allowed state is <c>value Comparison Threshold</c>; a (group, day) where it does not hold is a
/// violation. <see cref="Scope"/> maps a filter key (<see cref="RuleScopeKeys"/>) to comma-separated values.
/// <see cref="Channels"/> (empty = every channel whose routes want it) and <see cref="CooldownMinutes"/> (-1 = the
/// channel's) route its violations.
/// </summary>
public sealed record Rule(
    string Id,
    string Name,
    RuleMeasure Measure,
    IReadOnlyDictionary<string, string> Scope,
    RuleGrain Grain,
    string Comparison,
    decimal Threshold,
    RuleDays Days = RuleDays.All,
    string Severity = "high",
    CostType CostType = CostTypes.Default,
    string Description = "",
    IReadOnlyList<string>? Channels = null,
    int CooldownMinutes = -1,
    bool Enabled = true,
    string ChangedBy = "")
{
    public static IReadOnlyList<string> Comparisons { get; } = ["<=", "<", "=", ">="];

    public static IReadOnlyList<string> Severities { get; } = ["medium", "high", "critical"];

    /// <summary>The allowed state in words, e.g. "cost ≤ $150.00 per cluster a day".</summary>
    public string Condition
    {
        get
        {
            var unit = Measure switch
            {
                RuleMeasure.Cost => "$" + Threshold.ToString("#,##0.00", CultureInfo.InvariantCulture),
                RuleMeasure.Share => Threshold.ToString("0.##", CultureInfo.InvariantCulture) + " %",
                _ => Threshold.ToString("#,##0.##", CultureInfo.InvariantCulture),
            };
            var per = Grain == RuleGrain.Total ? "in total" : "per " + RuleText.Grain(Grain);
            var days = Days switch { RuleDays.Weekdays => " on weekdays", RuleDays.Weekends => " on weekend days", _ => "" };
            return $"{RuleText.Measure(Measure)} {Comparison} {unit} {per} a day{days}";
        }
    }
}

/// <summary>The scope filter keys the engine knows; each is one fixed SQL predicate with its values bound.</summary>
public static class RuleScopeKeys
{
    public const string Account = "account";
    public const string Environment = "environment";
    public const string Role = "role";
    public const string Service = "service";
    public const string UsageType = "usage_type";
    public const string ResourceType = "resource_type";
    public const string Region = "region";
    public const string Customer = "customer";
    public const string Cluster = "cluster";
    public const string State = "state";
    public const string Missing = "missing";

    public static IReadOnlyList<string> All { get; } = [Account, Environment, Role, Service, UsageType, ResourceType, Region, Customer, Cluster, State, Missing];
}

/// <summary>One (group, day) that breaks a rule, with the resources that make up its value (biggest first, at most 10).</summary>
public sealed record RuleViolation(Rule Rule, string Group, DateOnly Day, decimal Value, IReadOnlyList<RuleResource> Resources)
{
    public string Id => $"{Rule.Id}|{Group}|{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

public sealed record RuleResource(string ResourceId, decimal Value);

/// <summary>URL and display words of the rule enums.</summary>
public static class RuleText
{
    public static string Measure(RuleMeasure m) => m switch { RuleMeasure.Cost => "cost", RuleMeasure.Usage => "usage", _ => "share" };

    public static string Grain(RuleGrain g) => g switch
    {
        RuleGrain.Total => "total",
        RuleGrain.Account => "account",
        RuleGrain.Customer => "customer",
        RuleGrain.Cluster => "cluster",
        _ => "resource",
    };

    public static string Days(RuleDays d) => d switch { RuleDays.Weekdays => "weekdays", RuleDays.Weekends => "weekends", _ => "all" };

    public static RuleMeasure ParseMeasure(string s) => s switch
    {
        "cost" => RuleMeasure.Cost,
        "usage" => RuleMeasure.Usage,
        "share" => RuleMeasure.Share,
        _ => throw new ArgumentException($"Unknown measure '{s}'. Use cost, usage or share."),
    };

    public static RuleGrain ParseGrain(string s) => s switch
    {
        "total" => RuleGrain.Total,
        "account" => RuleGrain.Account,
        "customer" => RuleGrain.Customer,
        "cluster" => RuleGrain.Cluster,
        "resource" => RuleGrain.Resource,
        _ => throw new ArgumentException($"Unknown grain '{s}'. Use total, account, customer, cluster or resource."),
    };

    public static RuleDays ParseDays(string s) => s switch
    {
        "all" => RuleDays.All,
        "weekdays" => RuleDays.Weekdays,
        "weekends" => RuleDays.Weekends,
        _ => throw new ArgumentException($"Unknown days '{s}'. Use all, weekdays or weekends."),
    };

    /// <summary>Scope as text, e.g. "environment=dev,test; resource_type=ec2_instance".</summary>
    public static string Scope(IReadOnlyDictionary<string, string> scope) =>
        scope.Count == 0 ? "everything" : string.Join("; ", scope.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Parses "key=v1,v2; key2=v3" (the editor's text form).</summary>
    public static Dictionary<string, string> ParseScope(string text)
    {
        var scope = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "everything") continue;
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"Scope part '{part}' must be key=value (e.g. environment=dev,test).");
            var key = part[..eq].Trim();
            if (!scope.TryAdd(key, part[(eq + 1)..].Trim())) throw new ArgumentException($"Scope key '{key}' appears twice.");
        }
        return scope;
    }
}
