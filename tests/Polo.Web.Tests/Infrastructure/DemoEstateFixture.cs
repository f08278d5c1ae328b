using Polo.Data.Analysis;
using Polo.Data.Demo;
using Polo.Data.Embedded;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Tests.Infrastructure;
using Polo.Web.Services.State;

namespace Polo.Web.Tests.Infrastructure;

/// <summary>
/// A deterministic demo estate of <see cref="DemoDays"/> days ending <see cref="End"/> on the real embedded engine, in a
/// database of its own, plus the hand-written rows a subclass adds (<see cref="AddRows"/>). Generated once per test
/// collection; the pages under test read it through the real query services.
/// </summary>
public abstract class DemoEstateFixture(int demoDays) : IAsyncLifetime
{
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Last day holding data (inclusive), as the URL writes it.</summary>
    public static DateOnly LastDay => DateOnly.FromDateTime(End.AddDays(-1));

    public int DemoDays { get; } = demoDays;
    public EmbeddedClickHouse Ch { get; private set; } = null!;
    public DemoEstateSummary Summary { get; private set; } = null!;

    /// <summary>The hand-written rows this estate holds besides the demo.</summary>
    protected abstract FixtureWriter AddRows(FixtureWriter rows);

    public async Task InitializeAsync()
    {
        Ch = await TestEngine.CreateAsync(TestEngine.UniqueDatabase("web"));
        Summary = await new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: DemoDays, End: End));
        await AddRows(new FixtureWriter()).WriteAsync(Ch);
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
