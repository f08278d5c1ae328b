using Microsoft.Extensions.DependencyInjection;
using Polo.Data.Analysis;
using Polo.Data.Analysis.Accounts;
using Polo.Data.Analysis.Costs;
using Polo.Data.Caching;
using Polo.Data.Changes;
using Polo.Data.Tests.Inventory;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Caching;

/// <summary>What every page reads as it loads, through the app's registration on the real engine: the currency of its
/// periods is shared until cost lands, the account names until metadata lands.</summary>
public sealed class CachedCurrencyAndAccountsTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTime Oct1 = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeRange Day1 = TimeRange.Create(Oct1, Oct1.AddDays(1));
    private static readonly TimeRange Day2 = TimeRange.Create(Oct1.AddDays(1), Oct1.AddDays(2));
    private static readonly Place Acme = new("444444444444", "acme", "prod-1");

    private static ServiceProvider App(IClickHouse ch) =>
        new ServiceCollection().AddSingleton(ch).AddSingleton<DataChangeNotifier>().AddPoloAnalysis().BuildServiceProvider();

    [Fact]
    public async Task The_currency_of_a_question_is_read_once_until_cost_lands()
    {
        await using var sp = App(db.Ch);
        var notifier = sp.GetRequiredService<DataChangeNotifier>();
        var currencies = sp.GetRequiredService<ICurrencyQueries>();
        Assert.IsType<CachedCurrencyQueries>(currencies);
        await new FixtureWriter()
            .Cost("i-usd", ResourceTypes.Instance, Acme, "AmazonEC2", "BoxUsage:m5.large", Oct1, Oct1.AddDays(1), 1.00m)
            .WriteAsync(db.Ch);
        notifier.Publish(DataKinds.Cost, 24);
        Assert.Equal("USD", await currencies.SingleAsync([Day1, Day2]));

        // Euros land on day 2: not yet published, the cached answer stands (also after a metadata write) ...
        await db.Ch.InsertAsync("cost_hourly", new BilledLines()
            .Hourly("444444444444", "AmazonEC2", "BoxUsage:m5.large", "i-eur", Oct1.AddDays(1), Oct1.AddDays(2), 1.00m).Lines
            .Select(l => l with { Currency = "EUR" }));
        notifier.Publish(DataKinds.Metadata, 1);
        Assert.Equal("USD", await currencies.SingleAsync([Day1, Day2]));

        // ... until cost is published: then the question spans two currencies.
        notifier.Publish(DataKinds.Cost, 24);
        var mixed = await Assert.ThrowsAsync<MixedCurrencyException>(() => currencies.SingleAsync([Day1, Day2]));
        Assert.Equal(["EUR", "USD"], mixed.Currencies);
        Assert.Equal(["USD"], await currencies.InAsync([Day1]));
    }

    [Fact]
    public async Task Account_names_are_read_once_until_metadata_lands()
    {
        await using var sp = App(db.Ch);
        var notifier = sp.GetRequiredService<DataChangeNotifier>();
        var accounts = sp.GetRequiredService<AccountDirectory>();
        await new FixtureWriter().Account("555555555555", "search-old", "production").WriteAsync(db.Ch);
        notifier.Publish(DataKinds.Metadata, 1);
        await accounts.RefreshAsync();
        Assert.Equal("search-old · production (555555555555)", accounts.Label("555555555555"));

        await new FixtureWriter().Account("555555555555", "search-new", "production").WriteAsync(db.Ch);
        notifier.Publish(DataKinds.Cost, 1);
        await accounts.RefreshAsync();
        Assert.Equal("search-old · production (555555555555)", accounts.Label("555555555555"));

        notifier.Publish(DataKinds.Metadata, 1);
        await accounts.RefreshAsync();
        Assert.Equal("search-new · production (555555555555)", accounts.Label("555555555555"));
    }
}
