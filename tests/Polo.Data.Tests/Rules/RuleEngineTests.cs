using Polo.Data.Access;
using Polo.Data.Rows;
using Polo.Data.Rules;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Rules;

/// <summary>The shipped default rules and a new one, evaluated by the one SQL engine on a small estate, to the cent.</summary>
public sealed class RuleEngineTests : IAsyncLifetime
{
    private static readonly DateOnly Saturday = new(2026, 10, 3);
    private static readonly DateOnly Monday = new(2026, 10, 5);
    private const string Dev = "900000000001";
    private const string Prod = "900000000002";

    private TestDatabase _ch = null!;

    public async Task InitializeAsync()
    {
        var ch = _ch = await TestDatabase.CreateAsync("rules");
        await ch.InsertAsync("account_metadata", [new AccountMetadataRow(Dev, "dev-a", "development", "dev", ""), new AccountMetadataRow(Prod, "prod-a", "production", "prod", "")]);
        CostRow Cost(DateOnly day, string account, string service, string usage, string id, string type, string customer, string cluster, decimal cost, double amount = 1) =>
            new(day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), account, "us-east-1", service, usage, id, type, customer, cluster, "", cost, amount, "test");
        await ch.InsertAsync("cost_hourly", [
            Cost(Monday, Dev, "AmazonEC2", "BoxUsage:m5.4xlarge", "i-dev1", ResourceTypes.Instance, "acme", "dev-a", 120.00m),
            Cost(Monday, Dev, "AmazonEC2", "BoxUsage:m5.2xlarge", "i-dev2", ResourceTypes.Instance, "acme", "dev-a", 50.25m),
            Cost(Saturday, Dev, "AmazonEC2", "BoxUsage:m5.4xlarge", "i-dev1", ResourceTypes.Instance, "acme", "dev-a", 10.00m),
            Cost(Monday, Prod, "AmazonEC2", "BoxUsage:m5.4xlarge", "i-prod1", ResourceTypes.Instance, "acme", "prod-a", 400.00m),
            Cost(Monday, Prod, "AmazonEC2", "EBS:VolumeUsage.gp3", "vol-orph", ResourceTypes.Volume, "", "", 0.48m),
            Cost(Monday, Prod, "AmazonEC2", "EBS:VolumeUsage.gp3", "vol-used", ResourceTypes.Volume, "acme", "prod-a", 1.00m),
            Cost(Monday, Prod, "AmazonEC2", "ElasticIP:IdleAddress", "eip-idle", ResourceTypes.ElasticIp, "", "", 0.12m),
            Cost(Monday, Prod, "AmazonEC2", "NatGateway-Bytes", "nat-1", ResourceTypes.NatGateway, "", "", 54.00m, 1200),
            Cost(Monday, Prod, "AmazonEC2", "NatGateway-Bytes", "nat-2", ResourceTypes.NatGateway, "acme", "prod-a", 36.00m, 800),
        ]);
        var at = new DateTime(2026, 10, 6, 0, 0, 0, DateTimeKind.Utc);
        SnapshotRow Snap(string id, string state) =>
            new(id, Prod, "us-east-1", ResourceTypes.Volume, id, state, "", "", "", [], [], at.AddDays(-30), null, 0, at);
        await ch.InsertAsync("resource_snapshots", [Snap("vol-orph", ResourceStates.Available), Snap("vol-used", ResourceStates.InUse)]);
    }

    public async Task DisposeAsync() => await _ch.DisposeAsync();

    [Fact]
    public async Task The_shipped_defaults_fire_on_exactly_the_breaking_groups_and_days_with_their_resources()
    {
        var rules = await new RuleStore(_ch).ListAsync();
        Assert.Equal(["devtest-cluster-daily", "devtest-weekend-stopped", "idle-eips", "nat-data-daily", "orphaned-volumes", "untagged-share"],
            rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        var found = await new RuleEngine(_ch).EvaluateAsync(rules, Saturday, Monday);
        var byRule = found.ToLookup(v => v.Rule.Id);

        var daily = Assert.Single(byRule["devtest-cluster-daily"]); // $170.25 > $150; prod's $400 is out of scope
        Assert.Equal(("acme/dev-a", Monday, 170.25m), (daily.Group, daily.Day, daily.Value));
        Assert.Equal([new RuleResource("i-dev1", 120.00m), new RuleResource("i-dev2", 50.25m)], daily.Resources);

        var weekend = Assert.Single(byRule["devtest-weekend-stopped"]);
        Assert.Equal(("acme/dev-a", Saturday, 10.00m), (weekend.Group, weekend.Day, weekend.Value));

        var orphan = Assert.Single(byRule["orphaned-volumes"]); // vol-used is in use
        Assert.Equal(("vol-orph", Monday, 0.48m), (orphan.Group, orphan.Day, orphan.Value));
        var eip = Assert.Single(byRule["idle-eips"]);
        Assert.Equal(("eip-idle", 0.12m), (eip.Group, eip.Value));

        var nat = Assert.Single(byRule["nat-data-daily"]); // 1,200 GB > 1,000; nat-2's 800 is allowed
        Assert.Equal(("nat-1", Monday, 1200m), (nat.Group, nat.Day, nat.Value));

        // Untagged on Monday: 0.48 + 0.12 + 54.00 = 54.60 of 661.85 = 8.25 % — allowed; Saturday has none.
        Assert.Empty(byRule["untagged-share"]);
    }

    [Fact]
    public async Task A_new_rule_stored_like_a_user_would_fires_with_its_share_to_the_cent()
    {
        var store = new RuleStore(_ch);
        var saved = await store.SaveAsync(new Rule("", "Untagged prod spend at most 5 %", RuleMeasure.Share,
            RuleText.ParseScope("missing=customer"), RuleGrain.Account, "<=", 5m, Severity: "critical"), Operator);
        var rule = await store.GetAsync(saved.Id);
        Assert.NotNull(rule);
        var v = Assert.Single(await new RuleEngine(_ch).EvaluateAsync(rule, Saturday, Monday));
        // prod-a on Monday: 54.60 untagged of 400 + 0.48 + 1.00 + 0.12 + 54 + 36 = 491.60 → 11.11 %.
        Assert.Equal((Prod, Monday, 11.11m), (v.Group, v.Day, v.Value));
        Assert.Equal(["nat-1", "vol-orph", "eip-idle"], v.Resources.Select(r => r.ResourceId));

        await store.SaveAsync(rule with { Threshold = 12m }, Operator);
        Assert.Empty(await new RuleEngine(_ch).EvaluateAsync((await store.GetAsync(saved.Id))!, Saturday, Monday));
        await store.DeleteAsync(saved.Id, Operator);
        Assert.Null(await store.GetAsync(saved.Id));
    }

    [Fact]
    public async Task A_viewer_cannot_save_or_delete_a_rule_and_nothing_is_written()
    {
        var store = new RuleStore(_ch);
        var saved = await store.SaveAsync(new Rule("", "guarded", RuleMeasure.Cost, RuleText.ParseScope("service=AmazonEC2"), RuleGrain.Total, "<=", 10m), Operator);
        Assert.Equal("ops", saved.ChangedBy);
        var viewer = new Actor("vera", Roles.Viewer);
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => store.SaveAsync(saved with { Threshold = 1m }, viewer));
        Assert.Contains("Only an operator may edit rules", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.DeleteAsync(saved.Id, viewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.DeleteAsync(saved.Id, Actor.Anonymous));
        Assert.Equal(10m, (await store.GetAsync(saved.Id))!.Threshold);
        await store.DeleteAsync(saved.Id, new Actor("root", Roles.Admin));
        Assert.Null(await store.GetAsync(saved.Id));
    }

    private static readonly Actor Operator = new("ops", Roles.Operator);

    [Theory]
    [InlineData("nope=1", "Unknown scope key 'nope'")]
    [InlineData("missing=owner", "missing= takes customer")]
    [InlineData("service=", "needs at least one value")]
    public async Task Bad_rules_are_refused_with_a_message(string scope, string message)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            new RuleStore(_ch).SaveAsync(new Rule("", "bad", RuleMeasure.Cost, RuleText.ParseScope(scope), RuleGrain.Total, "<=", 1m), Operator));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
