using Polo.Data.Analysis;
using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Decomposition;
using Polo.Data.Analysis.Hierarchy;
using Polo.Data.Server;
using Polo.Data.Tests.Analysis.Fixtures;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Analysis;

/// <summary>The analysis SQL runs unchanged over the server transport (ClickHouse.Driver over HTTP).</summary>
public sealed class ServerTransportAnalysisTests(DeltaScenario scenario) : IClassFixture<DeltaScenario>, IAsyncLifetime
{
    private ClickHouseHttpEndpoint _endpoint = null!;
    private ServerClickHouse _server = null!;

    public Task InitializeAsync()
    {
        _endpoint = new ClickHouseHttpEndpoint(scenario.Ch);
        _server = new ServerClickHouse(_endpoint.ConnectionString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task Decomposition_over_http_equals_the_embedded_one()
    {
        var embedded = await new DeltaDecomposer(scenario.Ch).DecomposeAsync(DeltaScenario.Baseline, DeltaScenario.Period);
        var server = await new DeltaDecomposer(_server).DecomposeAsync(DeltaScenario.Baseline, DeltaScenario.Period,
            Grouping.Customer, new CostFilter(AccountRole: "production"));
        Assert.Equal(40.08m, server.Delta);
        var all = await new DeltaDecomposer(_server).DecomposeAsync(DeltaScenario.Baseline, DeltaScenario.Period);
        Assert.Equal(embedded.Causes.Select(c => (c.Cause, c.NodeId, c.Amount)), all.Causes.Select(c => (c.Cause, c.NodeId, c.Amount)));
    }

    [Fact]
    public async Task Cost_and_hierarchy_queries_run_over_http()
    {
        var range = TimeRange.Create(DeltaScenario.Oct1, DeltaScenario.Oct1.AddDays(3));
        Assert.Equal(await new CostQueries(scenario.Ch).TotalAsync(range), await new CostQueries(_server).TotalAsync(range));
        var series = await new CostQueries(_server).DailyByAsync(range, Grouping.AccountRole, top: 1);
        Assert.Equal(["role:production", "other"], series.Select(s => s.Key));
        Assert.Empty(await new HierarchyQueries(_server).ChildrenAsync("", range)); // the scenario writes no hierarchy nodes
    }
}
