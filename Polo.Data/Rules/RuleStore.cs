using Polo.Data.Access;
using Polo.Data.Analysis;
using Polo.Data.Rows;

namespace Polo.Data.Rules;

/// <summary>
/// Rules as stored rows (migration 054): every save appends a version, the newest wins, a delete is a version marked
/// deleted. Saves and deletes name who made them (the seam of the role check).
/// </summary>
public sealed class RuleStore(IClickHouse ch)
{
    private sealed record RuleRow(string RuleId, DateTime Version, string Name, string Description, string Measure, Dictionary<string, string> Scope,
        string Grain, string Days, string Comparison, decimal Threshold, string Severity, string CostType, string[] Channels,
        int CooldownMinutes, byte Enabled, string ChangedBy, byte Deleted);

    public async Task<IReadOnlyList<Rule>> ListAsync(CancellationToken ct = default)
    {
        var rows = await ch.QueryAsync<RuleRow>("""
            SELECT rule_id, version, name, description, measure, scope, grain, days, comparison, threshold, severity, cost_type,
                   channels, cooldown_minutes, enabled, changed_by, deleted
            FROM rules ORDER BY rule_id, version DESC LIMIT 1 BY rule_id
            """, ct: ct).ConfigureAwait(false);
        return rows.Where(r => r.Deleted == 0).Select(ToRule).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<Rule?> GetAsync(string id, CancellationToken ct = default) =>
        (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(r => r.Id == id);

    /// <summary>Validates and stores a rule (a new one gets an id); returns what was stored.</summary>
    public async Task<Rule> SaveAsync(Rule rule, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(actor);
        actor.Require(Roles.Operator, "edit rules");
        var changedBy = actor.Name;
        Validate(rule);
        var stored = rule with
        {
            Id = string.IsNullOrWhiteSpace(rule.Id) ? Guid.NewGuid().ToString("N")[..12] : rule.Id.Trim(),
            Name = rule.Name.Trim(),
            Scope = rule.Scope.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value.Trim(), StringComparer.Ordinal),
            Threshold = Math.Round(rule.Threshold, 2, MidpointRounding.AwayFromZero),
            ChangedBy = changedBy,
        };
        await WriteAsync(stored, changedBy, deleted: false, ct).ConfigureAwait(false);
        return stored;
    }

    public async Task DeleteAsync(string id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Require(Roles.Operator, "delete rules");
        var changedBy = actor.Name;
        var rule = await GetAsync(id, ct).ConfigureAwait(false) ?? throw new ArgumentException($"There is no rule '{id}'.");
        await WriteAsync(rule, changedBy, deleted: true, ct).ConfigureAwait(false);
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a message for people when the rule cannot be stored.</summary>
    public static void Validate(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(rule.Name)) throw new ArgumentException("A rule needs a name.");
        if (rule.Name.Length > 200) throw new ArgumentException("A rule's name is at most 200 characters.");
        if (rule.Id.Contains('|', StringComparison.Ordinal)) throw new ArgumentException("A rule's id cannot contain '|'.");
        if (!Rule.Comparisons.Contains(rule.Comparison)) throw new ArgumentException($"The comparison must be one of {string.Join(" ", Rule.Comparisons)} (got '{rule.Comparison}').");
        if (!Rule.Severities.Contains(rule.Severity)) throw new ArgumentException($"The severity must be medium, high or critical (got '{rule.Severity}').");
        if (rule.Threshold < 0) throw new ArgumentException("A rule's threshold cannot be negative.");
        if (rule.Threshold > 1_000_000_000_000m) throw new ArgumentException("A rule's threshold is too large.");
        if (rule.Measure == RuleMeasure.Share && rule.Threshold > 100) throw new ArgumentException("A share is a percentage: at most 100.");
        if (rule.Measure == RuleMeasure.Share && rule.Grain == RuleGrain.Resource) throw new ArgumentException("A share is counted of a total, account, customer or cluster, not of one resource.");
        if (rule.Measure == RuleMeasure.Share && rule.Scope.Count == 0) throw new ArgumentException("A share needs a scope (the part of the cost it measures, e.g. missing=customer).");
        if (rule.CooldownMinutes < -1) throw new ArgumentException("The cooldown is -1 (the channel's) or a number of minutes.");
        foreach (var (key, value) in rule.Scope)
        {
            if (!RuleScopeKeys.All.Contains(key.Trim())) throw new ArgumentException($"Unknown scope key '{key}'. Use {string.Join(", ", RuleScopeKeys.All)}.");
            if (RuleEngine.Values(value).Length == 0) throw new ArgumentException($"Scope key '{key}' needs at least one value.");
            if (key.Trim() == RuleScopeKeys.Missing && RuleEngine.Values(value).Any(v => v is not ("customer" or "cluster")))
                throw new ArgumentException("missing= takes customer and/or cluster (the hierarchy tags that are empty).");
        }
    }

    private async Task WriteAsync(Rule r, string changedBy, bool deleted, CancellationToken ct)
    {
        var now = await RowVersions.NextAsync(ch, "rules", "rule_id", r.Id, ct).ConfigureAwait(false);
        await ch.InsertAsync("rules", [new RuleRow(r.Id, now, r.Name, r.Description, RuleText.Measure(r.Measure),
            r.Scope.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), RuleText.Grain(r.Grain), RuleText.Days(r.Days),
            r.Comparison, r.Threshold, r.Severity, r.CostType.ToUrl(), (r.Channels ?? []).ToArray(), r.CooldownMinutes,
            r.Enabled ? (byte)1 : (byte)0, changedBy, deleted ? (byte)1 : (byte)0)], ct: ct).ConfigureAwait(false);
    }

    private static Rule ToRule(RuleRow r) => new(r.RuleId, r.Name, RuleText.ParseMeasure(r.Measure), r.Scope, RuleText.ParseGrain(r.Grain),
        r.Comparison, r.Threshold, RuleText.ParseDays(r.Days), r.Severity, CostTypes.TryParse(r.CostType, out var t) ? t : CostTypes.Default,
        r.Description, r.Channels, r.CooldownMinutes, r.Enabled != 0, r.ChangedBy);
}
