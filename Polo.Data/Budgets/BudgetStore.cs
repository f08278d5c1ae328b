using Polo.Data.Access;
using Polo.Data.Analysis;
using Polo.Data.Rows;

namespace Polo.Data.Budgets;

/// <summary>
/// Budgets as stored rows (migration 050): every save appends a version, the newest wins, a delete is a version marked
/// deleted. Saves and deletes need an operator (<see cref="Roles.Operator"/>) and record who made them.
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
    public async Task<Budget> SaveAsync(Budget budget, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Operator, "edit budgets");
        ArgumentNullException.ThrowIfNull(budget);
        Validate(budget);
        var stored = budget with
        {
            Id = string.IsNullOrWhiteSpace(budget.Id) ? Guid.NewGuid().ToString("N")[..12] : budget.Id.Trim(),
            Name = budget.Name.Trim(),
            NodeId = budget.NodeId.Trim(),
            Amount = Math.Round(budget.Amount, 2, MidpointRounding.AwayFromZero),
        };
        await WriteAsync(stored, actor.Name, deleted: false, ct).ConfigureAwait(false);
        return stored;
    }

    public async Task DeleteAsync(string id, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Operator, "delete budgets");
        var budget = await GetAsync(id, ct).ConfigureAwait(false) ?? throw new ArgumentException($"There is no budget '{id}'.");
        await WriteAsync(budget, actor.Name, deleted: true, ct).ConfigureAwait(false);
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
        var now = await RowVersions.NextAsync(ch, "budgets", "budget_id", b.Id, ct).ConfigureAwait(false);
        await ch.InsertAsync("budgets", [new BudgetRow(b.Id, now, b.Name, b.NodeId, b.Period == BudgetPeriod.Monthly ? "monthly" : "quarterly",
            b.Amount, b.GoldenDate, b.CostType.ToUrl(), changedBy, deleted ? (byte)1 : (byte)0)], ct: ct).ConfigureAwait(false);
    }

    private static Budget ToBudget(BudgetRow r) => new(r.BudgetId, r.Name, r.NodeId,
        string.Equals(r.Period, "quarterly", StringComparison.Ordinal) ? BudgetPeriod.Quarterly : BudgetPeriod.Monthly,
        r.Amount, r.GoldenDate, CostTypes.TryParse(r.CostType, out var t) ? t : CostTypes.Default);

}
