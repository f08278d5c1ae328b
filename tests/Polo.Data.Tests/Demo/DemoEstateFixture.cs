using Polo.Data.Demo;
using Polo.Data.Embedded;
using Polo.Data.Tests.Infrastructure;

namespace Polo.Data.Tests.Demo;

/// <summary>A 30-day demo estate generated once for a test class.</summary>
public sealed class DemoEstateFixture : IAsyncLifetime
{
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public EmbeddedClickHouse Ch { get; private set; } = null!;
    public DemoEstateSummary Summary { get; private set; } = null!;
    public List<DemoProgress> Progress { get; } = new();

    public async Task InitializeAsync()
    {
        Ch = await TestEngine.CreateAsync(TestEngine.UniqueDatabase("demo"));
        var progress = new SynchronousProgress<DemoProgress>(Progress.Add);
        Summary = await new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: 30, End: End), progress);
    }

    public async Task DisposeAsync()
    {
        await Ch.ExecuteAsync($"DROP DATABASE IF EXISTS `{Ch.Database}`");
        await Ch.DisposeAsync();
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
