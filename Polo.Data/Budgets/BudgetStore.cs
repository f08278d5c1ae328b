using Polo.Data.Analysis;

namespace Polo.Data.Budgets;

/// <summary>
/// Budgets as stored rows (migration 050): every save appends a version, the newest wins, a delete is a version marked
/// deleted. Saves and deletes name who made them; this is the seam where a role check goes once sign-in exists.
/// </summary>
public sealed class BudgetStore(IClickHouse ch)
{
    private sealed record BudgetRow(string BudgetId, DateTime Version, string Name, string NodeId, string Period, decimal Amount,
        DateOnly? GoldenDate, string CostType, string ChangedBy, byte Deleted);

    public async Task<IReadOnlyList<Budget>> ListAsync(CancellationToken ct = default)
    {
        var rows = await ch.QueryAsync<BudgetRow>("""
            SELECT budget_id, version, name, node_id, period, amount, golden_date, cost_type, changed_by, deleted
            FROM budgets ORDER BY budget_id, version DESC LIMIT 1 BY budget_id
            """, ct: ct).ConfigureAwait(false);
        return rows.Where(r => r.Deleted == 0).Select(ToBudget).OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Id).ToList();
    }

    public async Task<Budget?> GetAsync(string id, CancellationToken ct = default) =>
        (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(b => b.Id == id);

    /// <summary>Validates and stores a budget (a new one gets an id); returns what was stored.</summary>
    public async Task<Budget> SaveAsync(Budget budget, string changedBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        Validate(budget);
        var stored = budget with
        {
            Id = string.IsNullOrWhiteSpace(budget.Id) ? Guid.NewGuid().ToString("N")[..12] : budget.Id.Trim(),
            Name = budget.Name.Trim(),
            NodeId = budget.NodeId.Trim(),
            Amount = Math.Round(budget.Amount, 2, MidpointRounding.AwayFromZero),
        };
        await WriteAsync(stored, changedBy, deleted: false, ct).ConfigureAwait(false);
        return stored;
    }

    public async Task DeleteAsync(string id, string changedBy, CancellationToken ct = default)
    {
        var budget = await GetAsync(id, ct).ConfigureAwait(false) ?? throw new ArgumentException($"There is no budget '{id}'.");
        await WriteAsync(budget, changedBy, deleted: true, ct).ConfigureAwait(false);
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a message for people when the budget cannot be stored.</summary>
    public static void Validate(Budget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (string.IsNullOrWhiteSpace(budget.Name)) throw new ArgumentException("A budget needs a name.");
        if (budget.Name.Length > 200) throw new ArgumentException("A budget's name is at most 200 characters.");
        if (budget.NodeId.Trim() != "" && !NodeId.TryParse(budget.NodeId.Trim(), out _, out var error))
            throw new ArgumentException($"{error} Use '' for the organisation or e.g. customer:acme, account:123456789012, role:production, cluster:acme/prod-1, service:AmazonEC2.");
        if (budget.GoldenDate is null && budget.Amount <= 0) throw new ArgumentException("A budget needs an amount above zero, or a golden date.");
        if (budget.Amount < 0) throw new ArgumentException("A budget's amount cannot be negative.");
        if (budget.Amount > 1_000_000_000_000m) throw new ArgumentException("A budget's amount is too large.");
    }

    private async Task WriteAsync(Budget b, string changedBy, bool deleted, CancellationToken ct)
    {
        // A version strictly after the newest stored one, so two saves within one millisecond still order.
        var newest = await ch.ScalarAsync<DateTime?>("SELECT max(version) FROM budgets WHERE budget_id = {id:String}",
            new QueryParams { ["id"] = b.Id }, ct).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        if (newest is { } n && n != DateTime.UnixEpoch && now <= n) now = n.AddMilliseconds(1);
        await ch.InsertAsync("budgets", [new BudgetRow(b.Id, now, b.Name, b.NodeId, b.Period == BudgetPeriod.Monthly ? "monthly" : "quarterly",
            b.Amount, b.GoldenDate, b.CostType.ToUrl(), changedBy, deleted ? (byte)1 : (byte)0)], ct: ct).ConfigureAwait(false);
    }

    private static Budget ToBudget(BudgetRow r) => new(r.BudgetId, r.Name, r.NodeId,
        string.Equals(r.Period, "quarterly", StringComparison.Ordinal) ? BudgetPeriod.Quarterly : BudgetPeriod.Monthly,
        r.Amount, r.GoldenDate, CostTypes.TryParse(r.CostType, out var t) ? t : CostTypes.Default);

}
