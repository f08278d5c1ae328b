using Polo.Collection.Runs;
using Polo.Data;
using Polo.Data.Migrations;

namespace Polo.Web.Operations;

/// <summary>One readiness check: its name, whether it passed, and a detail for signed-in callers only.</summary>
public sealed record ReadinessCheck(string Name, bool Ok, string Detail);

/// <summary>
/// Whether this instance can serve: the engine answers, every migration file is applied, and no collector has been
/// running longer than <c>Polo:CollectorStuckAfter</c> (default 6 h).
/// </summary>
public sealed class Readiness(IClickHouse ch, ClickHouseOptions options, CollectorRunStore runs, CollectorRunner runner, IConfiguration configuration)
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(5);

    public TimeSpan StuckAfter => configuration.GetValue("Polo:CollectorStuckAfter", TimeSpan.FromHours(6));

    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(EngineTimeout);
        try
        {
            await ch.ScalarAsync<long>("SELECT 1", ct: timeout.Token);
        }
        catch (Exception e) when (e is ClickHouseException or OperationCanceledException or HttpRequestException)
        {
            return [new("engine", false, e.Message.Split('\n')[0]), new("migrations", false, "engine not reachable"), new("collectors", false, "engine not reachable")];
        }
        return [new("engine", true, ch.Transport), await MigrationsAsync(timeout.Token), await CollectorsAsync(timeout.Token)];
    }

    private async Task<ReadinessCheck> MigrationsAsync(CancellationToken ct)
    {
        var files = MigrationRunner.Load(options.ResolveMigrationsPath());
        var applied = (await ch.QueryAsync<Dictionary<string, System.Text.Json.JsonElement>>(
            $"SELECT version FROM {MigrationRunner.TrackingTable}", ct: ct)).Select(r => r["version"].ToString()).ToHashSet(StringComparer.Ordinal);
        var pending = files.Where(f => !applied.Contains(f.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(f => f.Name).ToList();
        return new("migrations", pending.Count == 0, pending.Count == 0 ? $"{files.Count} applied" : "pending: " + string.Join(", ", pending));
    }

    private async Task<ReadinessCheck> CollectorsAsync(CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var stuck = (await runs.LatestBatchesAsync(ct))
            .Where(b => b.BatchFinished is null && runner.IsRunning(b.Collector) && now - b.BatchStarted > StuckAfter)
            .Select(b => $"{b.Collector} running since {b.BatchStarted:yyyy-MM-dd HH:mm} UTC").ToList();
        return new("collectors", stuck.Count == 0, stuck.Count == 0 ? "none stuck" : string.Join("; ", stuck));
    }
}
