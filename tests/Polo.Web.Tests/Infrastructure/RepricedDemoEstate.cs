using Polo.Data.Vocabulary;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>
/// The 28-day demo (every injected cause window falls on whole days) for the Dashboard, Delta and Explain page tests.
/// The demo explains every change, so one hand-written resource adds an unexplained one: <see cref="RepricedId"/>
/// costs $1.00/h and then $1.50/h from <see cref="RepricedAt"/> with no usage amount on its lines and no event saying
/// why, so neither a mechanism (no usage, no rate) nor evidence explains it (+$84.00 unexplained over the 7 days after
/// it against the 7 days before).
/// </summary>
public sealed class RepricedDemoEstate() : DemoEstateFixture(Days)
{
    public const string Collection = "repriced demo estate";
    public const int Days = 28;

    public const string RepricedId = "i-0repriced00000001";
    public static readonly DateTime RepricedAt = End.AddDays(-7);

    protected override FixtureWriter AddRows(FixtureWriter rows)
    {
        var acme = new Place("100000000001", "acme", "prod-1");
        return rows
            .Cost(RepricedId, ResourceTypes.Instance, acme, "AmazonEC2", "BoxUsage:m5.xlarge", End.AddDays(-Days), RepricedAt, 1.00m, usagePerHour: 0)
            .Cost(RepricedId, ResourceTypes.Instance, acme, "AmazonEC2", "BoxUsage:m5.xlarge", RepricedAt, End, 1.50m, usagePerHour: 0)
            .Event(RepricedId, ResourceTypes.Instance, acme, End.AddDays(-Days - 30), EventTypes.Created, (EventProperties.InstanceType, "m5.xlarge"))
            .Snapshot(RepricedId, ResourceTypes.Instance, acme, "repriced", ResourceStates.Running, End.AddDays(-Days - 30));
    }
}

[CollectionDefinition(RepricedDemoEstate.Collection)]
public sealed class RepricedDemoEstateCollection : ICollectionFixture<RepricedDemoEstate>;
