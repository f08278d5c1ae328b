using System.Globalization;
using Polo.Data.Analysis;

namespace Polo.Data.Rules;

/// <summary>
/// Evaluates any stored rule with one SQL statement over cost_rollup_daily: the rule's scope becomes a predicate made
/// of fixed fragments (one per <see cref="RuleScopeKeys"/> key, values bound as parameters, a trailing <c>*</c> a
/// prefix), the measure a sum per (group, day, resource), and the comparison a HAVING that keeps the (group, day)s that
/// break the rule, each with its biggest resources. No rule has code of its own.
/// </summary>
public sealed class RuleEngine(IClickHouse ch)
{
    private const int TopResources = 10;

    private sealed record Row(string GroupKey, DateOnly Day, decimal Value, string[] TopIds, double[] TopValues);

    /// <summary>The violations of every enabled rule on the days <paramref name="from"/>–<paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<RuleViolation>> EvaluateAsync(IReadOnlyList<Rule> rules, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var all = new List<RuleViolation>();
        foreach (var rule in rules.Where(r => r.Enabled))
            all.AddRange(await EvaluateAsync(rule, from, to, ct).ConfigureAwait(false));
        return all;
    }

    /// <summary>The (group, day)s on <paramref name="from"/>–<paramref name="to"/> (inclusive) where the rule does not hold, newest day first.</summary>
    public async Task<IReadOnlyList<RuleViolation>> EvaluateAsync(Rule rule, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RuleStore.Validate(rule);
        if (to < from) throw new ArgumentException($"The range starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd}).");
        var p = new QueryParams { ["from"] = from, ["to"] = to, ["threshold"] = rule.Threshold };
        var scope = ScopeSql(rule.Scope, p);
        var cost = rule.CostType.Column();
        var (group, groupFilter) = rule.Grain switch
        {
            RuleGrain.Total => ("'total'", "1"),
            RuleGrain.Account => ("toString(account_id)", "account_id != ''"),
            RuleGrain.Customer => ("toString(customer)", "customer != ''"),
            RuleGrain.Cluster => ("concat(customer, '/', cluster)", "cluster != ''"),
            _ => ("resource_id", "resource_id != ''"),
        };
        var days = rule.Days switch { RuleDays.Weekdays => "toDayOfWeek(day) <= 5", RuleDays.Weekends => "toDayOfWeek(day) >= 6", _ => "1" };
        var value = rule.Measure == RuleMeasure.Usage ? "toDecimal64(usage_amount, 6)" : cost;
        var where = rule.Measure == RuleMeasure.Share ? "1" : scope; // a share needs the group's whole cost too
        var measured = rule.Measure == RuleMeasure.Share
            ? "if(whole = 0, 0, round(100 * toFloat64(raw) / toFloat64(whole), 2))"
            : "round(toFloat64(raw), 2)";
        var sql = $"""
            SELECT group_key, day, toDecimal64({measured}, 2) AS value,
                   arrayMap(x -> x.1, top) AS top_ids, arrayMap(x -> x.2, top) AS top_values
            FROM
            (
                SELECT grp AS group_key, day, sum(v) AS raw, sum(t) AS whole,
                       arraySlice(arraySort(x -> -x.2, groupArrayIf((resource_id, round(toFloat64(v), 2)), v != 0)), 1, {TopResources}) AS top
                FROM
                (
                    SELECT day, {group} AS grp, resource_id, sumIf({value}, {scope}) AS v, sum({cost}) AS t
                    FROM cost_rollup_daily
                    WHERE day >= {"{from:Date}"} AND day <= {"{to:Date}"} AND {days} AND {groupFilter} AND {where}
                    GROUP BY day, grp, resource_id
                )
                GROUP BY group_key, day
            )
            WHERE NOT ({measured} {rule.Comparison} toFloat64({"{threshold:Decimal(18,2)}"}))
            ORDER BY day DESC, value DESC, group_key
            """;
        var rows = await ch.QueryAsync<Row>(sql, p, ct).ConfigureAwait(false);
        return rows.Select(r => new RuleViolation(rule, r.GroupKey, r.Day, r.Value,
            r.TopIds.Zip(r.TopValues, (id, v) => new RuleResource(id, Math.Round((decimal)v, 2))).ToList())).ToList();
    }

    /// <summary>Comma-separated values of a scope entry, trimmed, empty ones dropped.</summary>
    public static string[] Values(string text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The scope as a predicate over cost_rollup_daily; every value is a bound parameter.</summary>
    private static string ScopeSql(IReadOnlyDictionary<string, string> scope, QueryParams p)
    {
        var parts = new List<string>();
        var n = 0;
        foreach (var (rawKey, raw) in scope.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var key = rawKey.Trim();
            var values = Values(raw);
            string In(string expr)
            {
                var name = "s" + (n++).ToString(CultureInfo.InvariantCulture);
                var exact = values.Where(v => !v.EndsWith('*')).ToArray();
                var prefixes = values.Where(v => v.EndsWith('*')).Select(v => v[..^1]).ToArray();
                p[name] = exact;
                p[name + "p"] = prefixes;
                return $"({expr} IN {{{name}:Array(String)}} OR arrayExists(x -> startsWith({expr}, x), {{{name}p:Array(String)}}))";
            }
            parts.Add(key switch
            {
                RuleScopeKeys.Account => In("toString(account_id)"),
                RuleScopeKeys.Environment => In("dictGetOrDefault('account_dict', 'environment', tuple(toString(account_id)), '')"),
                RuleScopeKeys.Role => In("dictGetOrDefault('account_dict', 'role', tuple(toString(account_id)), '')"),
                RuleScopeKeys.Service => In("toString(service)"),
                RuleScopeKeys.UsageType => In("toString(usage_type)"),
                RuleScopeKeys.ResourceType => In("toString(resource_type)"),
                RuleScopeKeys.Region => In("toString(region)"),
                RuleScopeKeys.Customer => In("toString(customer)"),
                RuleScopeKeys.Cluster => "(" + In("cluster") + " OR " + In("concat(customer, '/', cluster)") + ")",
                RuleScopeKeys.State => $"resource_id IN (SELECT resource_id FROM resource_snapshots GROUP BY account_id, resource_id HAVING {In("argMax(state, observed_at)")})",
                RuleScopeKeys.Missing => string.Join(" AND ", values.Select(v => v == "cluster" ? "cluster = ''" : "customer = ''")),
                _ => throw new ArgumentException($"Unknown scope key '{key}'."),
            });
        }
        return parts.Count == 0 ? "1" : string.Join(" AND ", parts);
    }
}
