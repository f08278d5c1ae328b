using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Tests.Inventory;
using Polo.Data.Vocabulary;
using static Polo.Data.Tests.Inventory.BilledLines;

namespace Polo.Data.Tests.Analysis;

/// <summary>Two currencies are never added; the dashboard's default grouping follows the bill's structure.</summary>
public sealed class CurrencyAndStructureTests : IAsyncLifetime
{
    private IClickHouse _ch = null!;

    public async Task InitializeAsync() => _ch = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _ch.DisposeAsync();
    }

    private static TimeRange Days(int from, int to) => TimeRange.Create(Nov1.AddDays(from), Nov1.AddDays(to));

    [Fact]
    public async Task A_period_billed_in_two_currencies_is_refused_with_a_clear_message()
    {
        var lines = new BilledLines()
            .Hourly("111", "AmazonEC2", "BoxUsage:m5.large", "i-1", Nov1, Nov1.AddDays(10), 0.1m).Lines
            .Concat(new BilledLines().Hourly("222", "AmazonEC2", "BoxUsage:m5.large", "i-2", Nov1.AddDays(5), Nov1.AddDays(10), 0.1m)
                .Lines.Select(l => l with { Currency = "EUR" }));
        await _ch.InsertAsync("cost_hourly", lines);
        var currencies = new CurrencyQueries(_ch);

        Assert.Equal("USD", await currencies.SingleAsync([Days(0, 5)]));
        Assert.Equal("USD", await currencies.SingleAsync([Days(20, 25)])); // no cost: the default
        var e = await Assert.ThrowsAsync<MixedCurrencyException>(() => currencies.SingleAsync([Days(0, 3), Days(3, 6)]));
        Assert.Equal(["EUR", "USD"], e.Currencies);
        Assert.Contains("EUR and USD", e.Message);
        Assert.Contains("never adds amounts in different currencies", e.Message);
        Assert.Equal(["EUR", "USD"], await currencies.InAsync([TimeRange.Create(Nov1.AddHours(5 * 24 + 3), Nov1.AddHours(5 * 24 + 5))]));
    }

    [Fact]
    public async Task Default_grouping_is_customers_where_tagged_else_accounts_else_services()
    {
        var costs = new CostQueries(_ch);
        await new BilledLines().Hourly("111", "AmazonEC2", "BoxUsage:m5.large", "i-1", Nov1, Nov1.AddDays(2), 0.1m).WriteAsync(_ch);
        Assert.Equal(Grouping.Service, await costs.StructureAsync(Days(0, 2)));

        await new BilledLines().Hourly("222", "AmazonRDS", "InstanceUsage:db.r5.large", "db-1", Nov1.AddDays(1), Nov1.AddDays(2), 0.2m)
            .WriteAsync(_ch);
        Assert.Equal(Grouping.Service, await costs.StructureAsync(Days(0, 1)));
        Assert.Equal(Grouping.Account, await costs.StructureAsync(Days(0, 2)));

        await new BilledLines().Hourly("111", "AmazonEC2", "BoxUsage:m5.large", "i-3", Nov1.AddDays(1), Nov1.AddDays(2), 0.1m,
            customer: "acme").WriteAsync(_ch);
        Assert.Equal(Grouping.Customer, await costs.StructureAsync(Days(0, 2)));
        Assert.Equal(Grouping.Service, await costs.StructureAsync(Days(0, 1)));
    }
}
