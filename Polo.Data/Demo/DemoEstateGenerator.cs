namespace Polo.Data.Demo;

/// <summary>Generates the demo estate (work in progress in this commit).</summary>
public sealed class DemoEstateGenerator(IClickHouse ch, DataChangeNotifier? notifier)
{
    public Task<DemoEstateSummary> GenerateAsync(DemoEstateOptions options, IProgress<DemoProgress>? progress = null,
        CancellationToken ct = default) => throw new NotImplementedException();

    public Task ResetAsync(CancellationToken ct = default) => throw new NotImplementedException();
}
