using Polo.Data.Analysis;
using Polo.Data.Vocabulary;
using Polo.Web.Services.State;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>
/// The 21-day demo for the Costs, Hierarchy and Resources page tests, plus one hand-written load balancer whose id is an
/// ARN (with ':' and '/') so links and the catch-all route are exercised.
/// </summary>
public sealed class ArnDemoEstate() : DemoEstateFixture(21)
{
    public const string Collection = "arn demo estate";
    public const string ArnId = "arn:aws:elasticloadbalancing:us-east-1:999999999999:loadbalancer/app/web-lb/50dc6c495c0c9188";
    public const string ArnAccount = "999999999999";

    /// <summary>The estate's last two weeks, as the URL writes them and as a query range.</summary>
    public const string LastTwoWeeks = "from=2026-10-18&to=2026-10-31";

    public static readonly TimeRange Oct18To31 = RangeSelection.ToRange(new DateOnly(2026, 10, 18), new DateOnly(2026, 10, 31));

    protected override FixtureWriter AddRows(FixtureWriter rows)
    {
        // 0.50/h from Oct 25 to the end (7 days × 12.00), in acme/prod-1/search; resized on Oct 28.
        var place = new Place(ArnAccount, "acme", "prod-1", "search");
        var launched = End.AddDays(-7);
        return rows
            .Cost(ArnId, ResourceTypes.LoadBalancer, place, "AWSELB", "LoadBalancerUsage", launched, End, 0.50m)
            .Event(ArnId, ResourceTypes.LoadBalancer, place, launched, EventTypes.Created)
            .Event(ArnId, ResourceTypes.LoadBalancer, place, End.AddDays(-4), EventTypes.Resized, (EventProperties.Old, "small"), (EventProperties.New, "large"))
            .Snapshot(ArnId, ResourceTypes.LoadBalancer, place, "web-lb", ResourceStates.Active, launched,
                tags: new() { ["team"] = "web" }, props: new() { ["scheme"] = "internet-facing" })
            .Account(ArnAccount, "edge", "production");
    }
}

[CollectionDefinition(ArnDemoEstate.Collection)]
public sealed class ArnDemoEstateCollection : ICollectionFixture<ArnDemoEstate>;
