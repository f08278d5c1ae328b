using Polo.Data.Demo;
using Polo.Data.Embedded;
using Polo.Data.Tests.Infrastructure;

namespace Polo.Data.Tests.Analysis.Fixtures;

/// <summary>The 90-day demo estate, generated once for a test class.</summary>
public sealed class Demo90Fixture : IAsyncLifetime
{
    public static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public EmbeddedClickHouse Ch { get; private set; } = null!;
    public DemoEstateSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ch = await TestEngine.CreateAsync(TestEngine.UniqueDatabase("demo90"));
        Summary = await new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: 90, End: End));
    }

    public async Task DisposeAsync()
    {
        await Ch.ExecuteAsync($"DROP DATABASE IF EXISTS `{Ch.Database}`");
        await Ch.DisposeAsync();
    }
}
