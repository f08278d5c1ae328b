using Polo.Data.Analysis;
using Polo.Data.Demo;
using Polo.Data.Embedded;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Tests.Infrastructure;
using Polo.Web.Services.State;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>
/// A small deterministic demo estate on the real embedded engine (28 days ending <see cref="End"/>, so every injected
/// cause window falls on whole days), generated once and shared by the page test classes of the
/// <see cref="Collection"/> collection. Pages under test read it through the real query services.
/// The demo explains every change, so one hand-written resource adds an unexplained one: <see cref="RepricedId"/>
/// runs the whole time at $1.00/h and costs $1.50/h from <see cref="RepricedAt"/> with no event saying why
/// (+$84.00 unexplained over the 7 days after it against the 7 days before).
/// </summary>
public sealed class SeededEstate : IAsyncLifetime
{
    public const string Collection = "seeded estate";
    public const int Days = 28;
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public const string RepricedId = "i-0repriced00000001";
    public static readonly DateTime RepricedAt = End.AddDays(-7);

    public EmbeddedClickHouse Ch { get; private set; } = null!;
    public DemoEstateSummary Summary { get; private set; } = null!;

    /// <summary>Last day holding data (inclusive), as the URL writes it.</summary>
    public static DateOnly LastDay => DateOnly.FromDateTime(End.AddDays(-1));

    public async Task InitializeAsync()
    {
        Ch = await TestEngine.CreateAsync(TestEngine.UniqueDatabase("web"));
        Summary = await new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: Days, End: End));
        var acme = new Place("100000000001", "acme", "prod-1");
        await new FixtureWriter()
            .Cost(RepricedId, "ec2_instance", acme, "AmazonEC2", "BoxUsage:m5.xlarge", End.AddDays(-Days), RepricedAt, 1.00m)
            .Cost(RepricedId, "ec2_instance", acme, "AmazonEC2", "BoxUsage:m5.xlarge", RepricedAt, End, 1.50m)
            .Event(RepricedId, "ec2_instance", acme, End.AddDays(-Days - 30), "created", ("instance_type", "m5.xlarge"))
            .Snapshot(RepricedId, "ec2_instance", acme, "repriced", "running", End.AddDays(-Days - 30))
            .WriteAsync(Ch);
    }

    public async Task DisposeAsync()
    {
        await Ch.ExecuteAsync($"DROP DATABASE IF EXISTS `{Ch.Database}`");
        await Ch.DisposeAsync();
    }

    /// <summary>The injected cause with this id (e.g. "scale-up-acme-search").</summary>
    public InjectedCause Cause(string causeId) => Summary.Causes.Single(c => c.CauseId == causeId);

    /// <summary>Query string for a period and its baseline, whole UTC days: from=…&amp;to=…&amp;bfrom=…&amp;bto=….</summary>
    public static string RangeQuery(TimeRange period, TimeRange? baseline = null)
    {
        var q = $"from={RangeSelection.Day(period.Start)}&to={RangeSelection.Day(period.End.AddDays(-1))}";
        if (baseline is not null) q += $"&bfrom={RangeSelection.Day(baseline.Start)}&bto={RangeSelection.Day(baseline.End.AddDays(-1))}";
        return q;
    }
}

[CollectionDefinition(SeededEstate.Collection)]
public sealed class SeededEstateCollection : ICollectionFixture<SeededEstate>;
