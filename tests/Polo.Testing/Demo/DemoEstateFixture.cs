using Polo.Data.Analysis;
using Polo.Data.Demo;

namespace Polo.Testing;

/// <summary>
/// The one demo-estate fixture: a deterministic demo estate of <see cref="DemoDays"/> days ending <see cref="End"/> on
/// the real embedded engine, in a <see cref="TestDatabase"/> of its own, plus the hand-written rows a subclass adds
/// (<see cref="AddRows"/>). Generated once per test class or collection (<see cref="Demo30Estate"/>,
/// <see cref="Demo90Estate"/>, or a subclass with its own rows); the generator's progress reports are kept.
/// </summary>
public abstract class DemoEstateFixture(int demoDays) : IAsyncLifetime
{
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Last day holding data (inclusive).</summary>
    public static DateOnly LastDay => DateOnly.FromDateTime(End.AddDays(-1));

    public int DemoDays { get; } = demoDays;
    public TestDatabase Ch { get; private set; } = null!;
    public DemoEstateSummary Summary { get; private set; } = null!;
    public List<DemoProgress> Progress { get; } = new();

    /// <summary>The hand-written rows this estate holds besides the demo (none by default).</summary>
    protected virtual FixtureWriter AddRows(FixtureWriter rows) => rows;

    public async Task InitializeAsync()
    {
        Ch = await TestDatabase.CreateAsync("demo");
        var progress = new SynchronousProgress<DemoProgress>(p => { lock (Progress) Progress.Add(p); });
        Summary = await new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: DemoDays, End: End), progress);
        var rows = AddRows(new FixtureWriter());
        if (!rows.IsEmpty) await rows.WriteAsync(Ch);
    }

    public async Task DisposeAsync() => await Ch.DisposeAsync();

    /// <summary>The injected cause with this id (e.g. "scale-up-acme-search").</summary>
    public InjectedCause Cause(string causeId) => Summary.Causes.Single(c => c.CauseId == causeId);

    /// <summary>Query string for a period and its baseline, whole UTC days: from=…&amp;to=…&amp;bfrom=…&amp;bto=….</summary>
    public static string RangeQuery(TimeRange period, TimeRange? baseline = null)
    {
        var q = $"from={Day(period.Start)}&to={Day(period.End.AddDays(-1))}";
        if (baseline is not null) q += $"&bfrom={Day(baseline.Start)}&bto={Day(baseline.End.AddDays(-1))}";
        return q;
    }

    private static string Day(DateTime d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>The 30-day demo estate, as it is.</summary>
public sealed class Demo30Estate() : DemoEstateFixture(30);

/// <summary>The 90-day demo estate (what the app seeds), as it is.</summary>
public sealed class Demo90Estate() : DemoEstateFixture(90);
