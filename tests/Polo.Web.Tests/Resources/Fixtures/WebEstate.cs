using Polo.Data.Demo;
using Polo.Data.Embedded;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Tests.Infrastructure;

namespace Polo.Web.Tests.Resources.Fixtures;

/// <summary>
/// One seeded estate for the Costs, Hierarchy and Resources page tests: the 21-day demo ending 2026-11-01, plus one
/// hand-written load balancer whose id is an ARN (with ':' and '/') so links and the catch-all route are exercised.
/// </summary>
public sealed class WebEstate : IAsyncLifetime
{
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public const string ArnId = "arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/web-lb/50dc6c495c0c9188";
    public const string ArnAccount = "999999999999";

    public EmbeddedClickHouse Ch { get; private set; } = null!;
    public DemoEstateSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ch = await TestEngine.CreateAsync(TestEngine.UniqueDatabase("web"));
        Summary = await new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: 21, End: End));

        // 0.50/h from Oct 25 to the end (7 days × 12.00), in acme/prod-1/search; resized on Oct 28.
        var place = new Place(ArnAccount, "acme", "prod-1", "search");
        var launched = End.AddDays(-7);
        await new FixtureWriter()
            .Cost(ArnId, "load_balancer", place, "AWSELB", "LoadBalancerUsage", launched, End, 0.50m)
            .Event(ArnId, "load_balancer", place, launched, "created")
            .Event(ArnId, "load_balancer", place, End.AddDays(-4), "resized", ("old", "small"), ("new", "large"))
            .Snapshot(ArnId, "load_balancer", place, "web-lb", "active", launched,
                tags: new() { ["team"] = "web" }, props: new() { ["scheme"] = "internet-facing" })
            .Account(ArnAccount, "edge", "production")
            .WriteAsync(Ch);
    }

    public async Task DisposeAsync()
    {
        await Ch.ExecuteAsync($"DROP DATABASE IF EXISTS `{Ch.Database}`");
        await Ch.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebEstateCollection : ICollectionFixture<WebEstate>
{
    public const string Name = "web-estate";
}
