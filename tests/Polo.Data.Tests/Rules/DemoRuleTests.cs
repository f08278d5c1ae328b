using Polo.Data.Demo;
using Polo.Data.Rules;

namespace Polo.Data.Tests.Rules;

/// <summary>The shipped defaults on the 90-day demo estate: its injected waste breaks them where it should.</summary>
public sealed class DemoRuleTests(Demo90Estate demo) : IClassFixture<Demo90Estate>
{
    private static readonly DateOnly Last = DateOnly.FromDateTime(Demo90Estate.End.AddDays(-1));

    [Fact]
    public async Task The_defaults_find_the_demo_nat_burst_the_load_test_orphaned_volumes_and_idle_addresses()
    {
        var rules = await new RuleStore(demo.Ch).ListAsync();
        var found = await new RuleEngine(demo.Ch).EvaluateAsync(rules, Last.AddDays(-29), Last);
        var nat = DateOnly.FromDateTime(DemoAnomalies.NatBurstDay(Demo90Estate.End));
        var natDays = found.Where(v => v.Rule.Id == "nat-data-daily").ToList();
        Assert.Contains(natDays, v => v.Day == nat && v.Value > 1000m);
        Assert.DoesNotContain(natDays, v => v.Day == nat.AddDays(-1) && v.Group == natDays.First(x => x.Day == nat).Group);
        Assert.Contains(found, v => v.Rule.Id == "devtest-cluster-daily" && v.Group == "internal/loadtest" && v.Value > 150m);
        Assert.Contains(found, v => v.Rule.Id == "orphaned-volumes" && v.Group.StartsWith("vol-", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Rule.Id == "idle-eips");
        Assert.All(found, v => Assert.NotEmpty(v.Resources));
        Assert.All(found.Where(v => v.Rule.Grain == RuleGrain.Resource), v => Assert.Equal(v.Group, Assert.Single(v.Resources).ResourceId));
    }
}
