using Polo.Data.Demo;
using Polo.Data.Vocabulary;

namespace Polo.Data.Tests.Demo;

public sealed class DemoEstateGeneratorTests(Demo30Estate demo) : IClassFixture<Demo30Estate>
{
    private IClickHouse Ch => demo.Ch;

    [Fact]
    public async Task Estate_spans_the_legacy_fleet_with_hourly_cost_for_every_hour()
    {
        Assert.Equal(16, await Ch.ScalarAsync<long>("SELECT uniqExact(account_id) FROM cost_hourly"));
        Assert.Equal(16, await Ch.ScalarAsync<long>("SELECT count() FROM account_metadata"));
        Assert.Equal(30 * 24, await Ch.ScalarAsync<long>("SELECT uniqExact(hour) FROM cost_hourly"));
        Assert.Equal(Demo30Estate.End.AddDays(-30), await Ch.ScalarAsync<DateTime>("SELECT min(hour) FROM cost_hourly"));
        Assert.Equal(Demo30Estate.End.AddHours(-1), await Ch.ScalarAsync<DateTime>("SELECT max(hour) FROM cost_hourly"));
        foreach (var type in new[] { ResourceTypes.Instance, ResourceTypes.Volume, ResourceTypes.Snapshot, ResourceTypes.NatGateway, ResourceTypes.ElasticIp, ResourceTypes.LoadBalancer, ResourceTypes.NetworkInterface })
            Assert.True(await Ch.ScalarAsync<long>("SELECT count() FROM resource_snapshots WHERE resource_type = {t:String}",
                new QueryParams { ["t"] = type }) > 0, $"no {type} in the estate");
        Assert.True(demo.Summary.Customers >= 8);
    }

    [Fact]
    public async Task Daily_rollup_equals_hourly_cost_and_the_reported_total()
    {
        var hourly = await Ch.ScalarAsync<decimal>("SELECT sum(cost) FROM cost_hourly");
        var daily = await Ch.ScalarAsync<decimal>("SELECT sum(cost) FROM cost_rollup_daily");
        Assert.Equal(hourly, daily);
        Assert.Equal(hourly, demo.Summary.TotalCost);
        Assert.InRange(hourly, 10_000m, 1_000_000m);
    }

    [Fact]
    public void Injected_causes_have_the_analytically_expected_deltas()
    {
        var causes = demo.Summary.Causes.ToDictionary(c => c.Kind);
        // 4 nodes × (r5.4xlarge − r5.xlarge) × hours since the resize (30 days → resized 7.5 days before the end).
        Assert.Equal(4 * (1.008m - 0.252m) * 180, causes[CauseKind.Resized].ExpectedDelta);
        // 8 × i3.4xlarge running 7 days instead of 2.
        Assert.Equal(8 * 1.248m * 24 * 5, causes[CauseKind.RanLonger].ExpectedDelta);
        // NAT bytes 20 → 100 GB/h at $0.045/GB over the last 5 days (diurnal pattern cancels over whole days).
        Assert.Equal(80 * 0.045m * 24 * 5, causes[CauseKind.UsageChange].ExpectedDelta);
        // 15 scratch volumes (500 GB gp3) created daily at 01:00 over the last 15 days, never deleted.
        var volumeHours = Enumerable.Range(0, 15).Sum(k => (15 - k) * 24 - 1);
        Assert.Equal(Math.Round(volumeHours * Math.Round(0.08m * 500 / 730m, 6), 2), causes[CauseKind.Orphaned].ExpectedDelta);
    }

    [Fact]
    public void Commitment_causes_have_the_analytically_expected_amortized_deltas()
    {
        var causes = demo.Summary.Causes.ToDictionary(c => c.CauseId);
        // 4 staging nodes, Savings Plan $0.12/h → on demand $0.192/h, over the 8 days after it expired.
        Assert.Equal(Math.Round(4 * (0.192m - 0.12m) * 24 * 8, 2), causes[DemoCommitmentCauses.SavingsPlanExpired].ExpectedDelta);
        // 3 dev nodes, on demand $0.096/h → RI effective $0.06/h, over the 7 days after the purchase.
        Assert.Equal(Math.Round(3 * (0.06m - 0.096m) * 24 * 7, 2), causes[DemoCommitmentCauses.ReservedInstancesBought].ExpectedDelta);
        Assert.Equal(["coverage_gained", "coverage_lost"],
            causes.Values.Where(c => c.Kind.StartsWith("coverage", StringComparison.Ordinal)).Select(c => c.Kind).Order());
    }

    [Fact]
    public async Task The_bill_carries_commitments_and_non_hourly_units_in_cur_shapes()
    {
        var types = (await Ch.QueryAsync<LineType>(
            "SELECT DISTINCT toString(line_item_type) AS line_item_type FROM cost_hourly")).Select(t => t.LineItemType).ToHashSet();
        Assert.Superset(new HashSet<string> { "Usage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "SavingsPlanRecurringFee",
            "DiscountedUsage", "RIFee", "Fee" }, types);
        // Covered usage is billed at on demand and negated; DiscountedUsage is always $0 unblended.
        Assert.Equal(0m, await Ch.ScalarAsync<decimal>(
            "SELECT sum(cost) FROM cost_hourly WHERE line_item_type IN ('SavingsPlanCoveredUsage', 'SavingsPlanNegation', 'DiscountedUsage')"));
        // Fully used commitments: the plan's fee equals its covered usage's amortized cost; the RI's upfront Fee and RIFee
        // are unblended only, its DiscountedUsage amortized only: unblended − amortized = 788.40 + 0.09 × 240 h − 0.18 × 240 h.
        var gap = await Ch.ScalarAsync<decimal>("SELECT sum(cost) - sum(amortized_cost) FROM cost_hourly");
        Assert.Equal(3 * 0.03m * 24 * 365 + 0.09m * 240 - 0.18m * 240, gap);
        // Storage is priced in GB-months, never in hours.
        Assert.Equal(["GB-Mo"], (await Ch.QueryAsync<Unit>(
            "SELECT DISTINCT toString(pricing_unit) AS pricing_unit FROM cost_hourly WHERE usage_type LIKE 'EBS:%' OR service = 'AmazonS3'"))
            .Select(u => u.PricingUnit));
        Assert.Equal(["Hrs"], (await Ch.QueryAsync<Unit>(
            "SELECT DISTINCT toString(pricing_unit) AS pricing_unit FROM cost_hourly WHERE usage_type LIKE 'BoxUsage:%'")).Select(u => u.PricingUnit));
    }

    private sealed record LineType(string LineItemType);
    private sealed record Unit(string PricingUnit);
    private sealed record Owned(string ResourceType, string Owner, string State);

    [Fact]
    public async Task Resources_only_the_bill_knows_join_the_inventory_as_bill_rows()
    {
        var rows = await Ch.QueryAsync<Owned>(
            "SELECT toString(resource_type) AS resource_type, toString(owner) AS owner, toString(state) AS state FROM resource_snapshots FINAL WHERE resource_id IN ('polo-demo-log-archive', 'arn:aws:savingsplans::100000000008:savingsplan/3f9d5c1e-demo-staging') ORDER BY resource_type");
        Assert.Equal([new Owned("s3_bucket", "bill", "billed"), new Owned("savingsplans_savingsplan", "bill", "no longer billed")], rows);
        Assert.Equal(0, await Ch.ScalarAsync<long>("SELECT count() FROM resource_snapshots FINAL WHERE owner = 'bill' AND resource_id NOT IN ('polo-demo-log-archive', 'arn:aws:savingsplans::100000000008:savingsplan/3f9d5c1e-demo-staging')"));
    }

    private sealed record CauseRow(string CauseId, string Kind, string NodeId, string[] ResourceIds, decimal ExpectedDelta);

    [Fact]
    public async Task Ground_truth_is_recorded_in_the_database()
    {
        var rows = await Ch.QueryAsync<CauseRow>("SELECT cause_id, kind, node_id, resource_ids, expected_delta FROM demo_causes ORDER BY cause_id");
        Assert.Equal(demo.Summary.Causes.Select(c => c.CauseId).Order(), rows.Select(r => r.CauseId));
        foreach (var row in rows)
        {
            var cause = demo.Summary.Causes.Single(c => c.CauseId == row.CauseId);
            Assert.Equal(cause.ExpectedDelta, row.ExpectedDelta);
            Assert.Equal(cause.ResourceIds, row.ResourceIds);
            Assert.NotEmpty(row.ResourceIds);
        }
        Assert.Equal(["index:acme/prod-1/search", "cluster:internal/loadtest", "cluster:internal/data-pipeline"],
            rows.Where(r => r.NodeId.Contains(':') && !r.NodeId.StartsWith("account:", StringComparison.Ordinal)).Select(r => r.NodeId)
                .OrderBy(n => n.StartsWith("index", StringComparison.Ordinal) ? 0 : n.Contains("loadtest") ? 1 : 2));
    }

    [Fact]
    public async Task Causes_leave_the_lifecycle_evidence_a_person_would_look_for()
    {
        var resized = demo.Summary.Causes.Single(c => c.Kind == CauseKind.Resized);
        Assert.Equal(4, await Ch.ScalarAsync<long>(
            "SELECT count() FROM resource_events WHERE event_type = 'resized' AND resource_id IN {ids:Array(String)} AND properties['new'] = 'r5.4xlarge'",
            new QueryParams { ["ids"] = resized.ResourceIds }));

        var orphaned = demo.Summary.Causes.Single(c => c.Kind == CauseKind.Orphaned);
        var ids = new QueryParams { ["ids"] = orphaned.ResourceIds };
        Assert.Equal(orphaned.ResourceIds.Count, await Ch.ScalarAsync<long>(
            "SELECT count() FROM resource_events WHERE event_type = 'detached' AND resource_id IN {ids:Array(String)}", ids));
        Assert.Equal(0, await Ch.ScalarAsync<long>(
            "SELECT count() FROM resource_events WHERE event_type = 'deleted' AND resource_id IN {ids:Array(String)}", ids));

        var ranLonger = demo.Summary.Causes.Single(c => c.Kind == CauseKind.RanLonger);
        var lastStop = await Ch.ScalarAsync<DateTime>(
            "SELECT max(event_time) FROM resource_events WHERE resource_id IN {ids:Array(String)} AND properties['new_state'] = 'stopped'",
            new QueryParams { ["ids"] = ranLonger.ResourceIds });
        Assert.True(lastStop < ranLonger.Period.Start, "the last run of the test cluster must have no stop event");
    }

    [Fact]
    public async Task Hierarchy_closure_links_every_customer_resource_to_its_customer()
    {
        var missing = await Ch.ScalarAsync<long>("""
            SELECT count() FROM resource_snapshots
            WHERE customer != '' AND resource_id NOT IN (
                SELECT descendant_id FROM resource_ancestry WHERE ancestor_type = 'customer')
            """);
        Assert.Equal(0, missing);
        Assert.Equal(3, await Ch.ScalarAsync<long>(
            "SELECT max(depth) FROM resource_ancestry WHERE descendant_type = 'ec2_instance'"));
    }

    [Fact]
    public void Progress_is_reported_in_order_up_to_done()
    {
        Assert.True(demo.Progress.Count >= 5);
        Assert.Equal(demo.Progress.Select(p => p.Fraction).Order(), demo.Progress.Select(p => p.Fraction));
        Assert.Equal(("done", 1.0), (demo.Progress[^1].Stage, demo.Progress[^1].Fraction));
    }

    [Fact]
    public async Task Generating_into_a_database_with_data_is_refused_without_writing()
    {
        var before = await Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new DemoEstateGenerator(Ch, null).GenerateAsync(new DemoEstateOptions(Days: 30, End: Demo30Estate.End)));
        Assert.Contains("reset", e.Message);
        Assert.Equal(before, await Ch.ScalarAsync<long>("SELECT count() FROM cost_hourly"));
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(30, 0)]
    public async Task Bad_options_are_refused_before_anything_is_written(int days, int scale)
    {
        await using var ch = await TestDatabase.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new DemoEstateGenerator(ch, null).GenerateAsync(new DemoEstateOptions(Days: days, Scale: scale)));
        Assert.Equal(0, await ch.ScalarAsync<long>("SELECT count() FROM resource_events"));
    }
}
