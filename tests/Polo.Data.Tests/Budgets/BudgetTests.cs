using Polo.Data.Access;
using Polo.Data.Analysis.Costs;
using Polo.Data.Budgets;
using Polo.Data.Forecast;

namespace Polo.Data.Tests.Budgets;

/// <summary>acme: 1.00/h from Oct 1 (24.00 a day); globex: 0.50/h from Oct 1, 2.00/h on Oct 5 only (a golden day of 48.00).
/// Measured on Oct 10.</summary>
public sealed class BudgetTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static DateTime Oct(int day) => new(2026, 10, day, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly AsOf = new(2026, 10, 10);

    public async Task InitializeAsync()
    {
        if (await db.Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly") > 0) return;
        await new FixtureWriter()
            .Cost("i-a", "ec2_instance", new Place("111111111111", "acme"), "AmazonEC2", "BoxUsage:m5.large", Oct(1), Oct(11), 1.00m)
            .Cost("i-g", "ec2_instance", new Place("222222222222", "globex"), "AmazonEC2", "BoxUsage:t3.small", Oct(1), Oct(5), 0.50m)
            .Cost("i-g", "ec2_instance", new Place("222222222222", "globex"), "AmazonEC2", "BoxUsage:t3.small", Oct(5), Oct(6), 2.00m)
            .Cost("i-g", "ec2_instance", new Place("222222222222", "globex"), "AmazonEC2", "BoxUsage:t3.small", Oct(6), Oct(11), 0.50m)
            .WriteAsync(db.Ch);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private BudgetEvaluator Evaluator => new(new CostQueries(db.Ch));

    [Fact]
    public async Task Monthly_budget_to_date_prorated_and_forecast_to_the_cent()
    {
        var s = await Evaluator.StatusAsync(new Budget("b1", "acme", "customer:acme", BudgetPeriod.Monthly, 1000m), AsOf);
        Assert.Equal(new Period(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), s.Period);
        Assert.Equal(1000m, s.Target);
        Assert.Equal(240.00m, s.ToDate);
        Assert.Equal(322.58m, s.Prorated);            // 1000 × 10 / 31
        Assert.Equal(ForecastMethod.Linear, s.Method);
        Assert.Equal(744.00m, s.Outlook.Forecast);    // 240 + 21 × 24.00
        Assert.Equal(10, s.Actuals.Count);
        Assert.Equal(21, s.ForecastDays.Count);
        Assert.False(s.OverProrated);
        Assert.False(s.ForecastOver);
    }

    [Fact]
    public async Task Golden_date_budget_is_that_days_cost_times_the_periods_days()
    {
        var s = await Evaluator.StatusAsync(new Budget("b2", "globex", "customer:globex", BudgetPeriod.Quarterly, 0m, new DateOnly(2026, 10, 5)), AsOf);
        Assert.Equal(48.00m, s.GoldenDayCost);
        Assert.Equal(4416.00m, s.Target);             // 48.00 × 92 days (Oct–Dec)
        Assert.Equal(156.00m, s.ToDate);              // 9 × 12.00 + 48.00
        Assert.Equal(480.00m, s.Prorated);            // 4416 × 10 / 92
        Assert.True(s.Outlook.Forecast > s.ToDate);
    }

    [Fact]
    public async Task Organisation_budget_over_its_prorated_amount()
    {
        var s = await Evaluator.StatusAsync(new Budget("b3", "all", "", BudgetPeriod.Monthly, 500m), AsOf);
        Assert.Equal(396.00m, s.ToDate);              // 240 + 156
        Assert.Equal(161.29m, s.Prorated);
        Assert.True(s.OverProrated);
        Assert.True(s.ForecastOver);
    }

    [Fact]
    public async Task Stored_budgets_are_versioned_edited_and_deleted()
    {
        var store = new BudgetStore(db.Ch);
        var saved = await store.SaveAsync(new Budget("", " Team A ", "account:111111111111", BudgetPeriod.Monthly, 99.999m), Ops);
        Assert.Equal("Team A", saved.Name);
        Assert.Equal(100.00m, saved.Amount);
        await store.SaveAsync(saved with { Amount = 250m, Period = BudgetPeriod.Quarterly }, Ops);
        var edited = await store.GetAsync(saved.Id);
        Assert.Equal(250m, edited!.Amount);
        Assert.Equal(BudgetPeriod.Quarterly, edited.Period);
        await store.DeleteAsync(saved.Id, Ops);
        Assert.Null(await store.GetAsync(saved.Id));
    }

    [Fact]
    public async Task A_viewer_cannot_save_or_delete_a_budget_and_nothing_is_written()
    {
        var store = new BudgetStore(db.Ch);
        var saved = await store.SaveAsync(new Budget("", "guarded", "", BudgetPeriod.Monthly, 10m), Ops);
        var viewer = new Actor("vera", Roles.Viewer);
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => store.SaveAsync(saved with { Amount = 1m }, viewer));
        Assert.Contains("Only an operator may edit budgets", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.DeleteAsync(saved.Id, viewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.DeleteAsync(saved.Id, Actor.Anonymous));
        Assert.Equal(10m, (await store.GetAsync(saved.Id))!.Amount);
        await store.DeleteAsync(saved.Id, new Actor("root", Roles.Admin)); // admin includes operator
        Assert.Null(await store.GetAsync(saved.Id));
    }

    private static readonly Actor Ops = new("ops", Roles.Operator);

    [Theory]
    [InlineData("", "acme", 0, "amount above zero")]
    [InlineData("x", "bogus", 10, "Unknown node")]
    [InlineData(" ", "", 10, "needs a name")]
    public async Task Bad_budgets_are_refused_with_a_message(string name, string node, int amount, string message)
    {
        var store = new BudgetStore(db.Ch);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new Budget("", name == "" ? "n" : name, node == "acme" ? "" : node, BudgetPeriod.Monthly, amount), Ops));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
