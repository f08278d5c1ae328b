using Polo.Collection.Tests.Infrastructure;
using Polo.Data;
using Polo.Data.Vocabulary;
using static Polo.Collection.Tests.Infrastructure.CollectorHarness;

namespace Polo.Collection.Tests.Ec2;

/// <summary>The EC2 config collector with the real AWS SDK against the loopback fake, writing into the real engine.</summary>
public sealed class Ec2ConfigCollectorTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeAws _aws = new();
    private IClickHouse Ch => db.Ch;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _aws.DisposeAsync();

    /// <summary>An estate of 5 instances over 3 pages (page size 2) plus volumes, a snapshot, NAT, EIPs, ENIs and an ALB.</summary>
    private FakeEstate Seed(string account)
    {
        var e = _aws.Estate(account);
        e.PageSize = 2;
        e.Instances.Add(new FakeInstance("i-001", "r5.xlarge", Tags: Tags("acme-search-1", "acme", "prod-1", "search")));
        e.Instances.Add(new FakeInstance("i-002", "m5.large", Tags: Tags("acme-search-2", "acme", "prod-1", "search")));
        e.Instances.Add(new FakeInstance("i-003", "m5.large", Tags: Tags("globex-1", "globex", "prod-2", "search")));
        e.Instances.Add(new FakeInstance("i-004", "m5.large", Tags: Tags("tmp")));
        e.Instances.Add(new FakeInstance("i-005", "c5.xlarge", Tags: Tags("worker", "acme", "prod-1")));
        e.Volumes.Add(new FakeVolume("vol-001", 100, AttachedTo: "i-001", Tags: Tags("acme-search-1-data", "acme", "prod-1", "search")));
        e.Volumes.Add(new FakeVolume("vol-002", 100, Tags: Tags("scratch")));
        e.Volumes.Add(new FakeVolume("vol-003", 50, AttachedTo: "i-003"));
        e.Snapshots.Add(new FakeSnapshot("snap-001", "vol-001", 100, Tags("backup", "acme", "prod-1", "search")));
        e.NatGateways.Add(new FakeNat("nat-001", "eni-nat1", Tags("shared-nat")));
        e.Addresses.Add(new FakeAddress("eipalloc-001", "3.3.3.1", InstanceId: "i-001"));
        e.Addresses.Add(new FakeAddress("eipalloc-002", "3.3.3.2", EniId: "eni-nat1"));
        e.Addresses.Add(new FakeAddress("eipalloc-003", "3.3.3.3"));
        e.Enis.Add(new FakeEni("eni-i001", InstanceId: "i-001"));
        e.Enis.Add(new FakeEni("eni-nat1", ResourceTypes.NatGateway, "Interface for NAT Gateway nat-001", RequesterId: "AIDAEXAMPLE"));
        e.Enis.Add(new FakeEni("eni-lb1", Description: "ELB app/web-lb/50dc6c495c0c9188", RequesterId: "amazon-elb"));
        e.Enis.Add(new FakeEni("eni-lb2", Description: "ELB app/web-lb/50dc6c495c0c9188", RequesterId: "amazon-elb"));
        return e;
    }

    private async Task<long> Count(string table, string account, string where = "1") =>
        await Ch.ScalarAsync<long>($"SELECT count() FROM {table} WHERE account_id = {{a:String}} AND {where}",
            new QueryParams { ["a"] = account });

    private sealed record Ev(string ResourceId, string EventType, Dictionary<string, string> Properties);

    private Task<List<Ev>> Events(string account) => Ch.QueryAsync<Ev>(
        "SELECT resource_id, event_type, properties FROM resource_events WHERE account_id = {a:String} ORDER BY resource_id, event_type",
        new QueryParams { ["a"] = account });

    private sealed record Snap(string ResourceId, string ResourceType, string State, string Customer, string Cluster,
        string IndexName, byte IsDeleted, Dictionary<string, string> Properties);

    private async Task<Dictionary<string, Snap>> Snapshots(string account) => (await Ch.QueryAsync<Snap>(
        "SELECT resource_id, resource_type, state, customer, cluster, index_name, is_deleted, properties FROM resource_snapshots FINAL WHERE account_id = {a:String}",
        new QueryParams { ["a"] = account })).ToDictionary(s => s.ResourceId);

    [Fact]
    public async Task First_run_pages_through_every_list_and_records_each_resource_once()
    {
        const string account = "200000000001";
        Seed(account);
        var h = new CollectorHarness(Ch, _aws, [account]);

        var result = await h.RunAsync();

        Assert.True(result.Ok, string.Join("; ", result.Units.Select(u => u.Error)));
        Assert.Equal(3, _aws.Count("DescribeInstances", account)); // 5 instances, 2 per page
        Assert.Equal(2, _aws.Count("DescribeVolumes", account));   // 3 volumes
        Assert.Equal(2, _aws.Count("DescribeNetworkInterfaces", account)); // 4 ENIs
        Assert.Equal("self", _aws.Requests.First(r => r.Action == "DescribeSnapshots").Form["Owner.1"]);

        var snaps = await Snapshots(account);
        Assert.Equal(5 + 3 + 1 + 1 + 3 + 4 + 1, snaps.Count);
        Assert.Equal(ResourceTypes.LoadBalancer, snaps["elb-app/web-lb/50dc6c495c0c9188"].ResourceType);
        Assert.Equal(ResourceTypes.Instance, snaps["i-005"].ResourceType);
        Assert.Equal("r5.xlarge", snaps["i-001"].Properties[EventProperties.InstanceType]);
        Assert.Equal(("acme", "prod-1", "search"), (snaps["i-001"].Customer, snaps["i-001"].Cluster, snaps["i-001"].IndexName));
        Assert.Equal(("acme", "prod-1", ""), (snaps["i-005"].Customer, snaps["i-005"].Cluster, snaps["i-005"].IndexName));
        Assert.Equal("", snaps["i-004"].Customer);
        Assert.Equal(ResourceStates.Associated, snaps["eipalloc-001"].State);
        Assert.Equal(ResourceStates.Unassociated, snaps["eipalloc-003"].State);

        var events = await Events(account);
        Assert.Equal(snaps.Count, events.Count(e => e.EventType == EventTypes.Created));
        Assert.Equal(["vol-001", "vol-003"], events.Where(e => e.EventType == EventTypes.Attached).Select(e => e.ResourceId));
    }

    [Fact]
    public async Task Relationships_hierarchy_nodes_and_closure_rows_come_from_the_estate_and_tags()
    {
        const string account = "200000000002";
        Seed(account);
        await new CollectorHarness(Ch, _aws, [account]).RunAsync();

        var edges = (await Ch.QueryAsync<EdgeRow>(
            "SELECT from_id, relation, to_id FROM resource_relationships FINAL WHERE account_id = {a:String} AND is_deleted = 0 ORDER BY from_id, to_id",
            new QueryParams { ["a"] = account })).Select(e => $"{e.FromId} {e.Relation} {e.ToId}").ToList();
        Assert.Equal(new[]
        {
            "eipalloc-001 associated_with i-001",
            "eipalloc-002 associated_with eni-nat1",
            "eni-i001 interface_of i-001",
            "eni-lb1 interface_of elb-app/web-lb/50dc6c495c0c9188",
            "eni-lb2 interface_of elb-app/web-lb/50dc6c495c0c9188",
            "eni-nat1 interface_of nat-001",
            "snap-001 snapshot_of vol-001",
            "vol-001 attached_to i-001",
            "vol-003 attached_to i-003",
        }, edges);

        var nodes = await Ch.QueryAsync<NodeRow>(
            "SELECT node_id, node_type, parent_id FROM hierarchy_nodes FINAL WHERE node_id IN ('customer:acme','cluster:acme/prod-1','index:acme/prod-1/search') ORDER BY node_id");
        Assert.Equal(new[] { "cluster:acme/prod-1 cluster customer:acme", "customer:acme customer ", "index:acme/prod-1/search index cluster:acme/prod-1" },
            nodes.Select(n => $"{n.NodeId} {n.NodeType} {n.ParentId}"));

        var closure = await Closure("i-001");
        Assert.Equal(new[] { "0 i-001 ec2_instance", "1 index:acme/prod-1/search index", "2 cluster:acme/prod-1 cluster", "3 customer:acme customer" }, closure);
        Assert.Equal(new[] { "0 i-005 ec2_instance", "1 cluster:acme/prod-1 cluster", "2 customer:acme customer" }, await Closure("i-005"));
        Assert.Empty(await Closure("i-004")); // untagged: unassigned, no closure rows
        Assert.Equal(new[] { "0 index:globex/prod-2/search index", "1 cluster:globex/prod-2 cluster", "2 customer:globex customer" },
            await Closure("index:globex/prod-2/search"));
    }

    private async Task<List<string>> Closure(string id) => (await Ch.QueryAsync<AncestorRow>(
            "SELECT depth, ancestor_id, ancestor_type FROM resource_ancestry FINAL WHERE descendant_id = {id:String} ORDER BY depth",
            new QueryParams { ["id"] = id }))
        .Select(a => $"{a.Depth} {a.AncestorId} {a.AncestorType}").ToList();

    private sealed record EdgeRow(string FromId, string Relation, string ToId);
    private sealed record NodeRow(string NodeId, string NodeType, string ParentId);
    private sealed record AncestorRow(byte Depth, string AncestorId, string AncestorType);

    [Fact]
    public async Task Second_run_over_the_same_estate_writes_nothing()
    {
        const string account = "200000000003";
        Seed(account);
        var h = new CollectorHarness(Ch, _aws, [account]);
        var first = await h.RunAsync();
        var counts = await AllCounts(account);

        var second = await h.RunAsync();

        Assert.True(first.Rows > 0);
        Assert.True(second.Ok);
        Assert.Equal(0, second.Rows);
        Assert.Equal(counts, await AllCounts(account));
    }

    private async Task<string> AllCounts(string account) => string.Join(",",
        await Count("resource_events", account), await Count("resource_snapshots", account),
        await Count("resource_relationships", account),
        await Ch.ScalarAsync<long>("SELECT count() FROM resource_ancestry"),
        await Ch.ScalarAsync<long>("SELECT count() FROM hierarchy_nodes"));

    [Fact]
    public async Task Resize_tag_change_state_change_and_deletion_between_runs_produce_exactly_those_events()
    {
        const string account = "200000000004";
        var e = Seed(account);
        var h = new CollectorHarness(Ch, _aws, [account]);
        await h.RunAsync();
        var before = (await Events(account)).Count;

        e.Instances[1] = e.Instances[1] with { Type = "m5.2xlarge" };                                   // i-002 resized
        e.Instances[2] = e.Instances[2] with { Tags = Tags("globex-1", "globex", "prod-2", "logs") };  // i-003 re-tagged
        e.Instances.RemoveAt(3);                                                                       // i-004 terminated
        e.Instances[3] = e.Instances[3] with { State = ResourceStates.Stopped };                                    // i-005 stopped
        e.Volumes[1] = e.Volumes[1] with { SizeGb = 500, VolumeType = "io2", Iops = 6000 };            // vol-002 resized
        var second = await h.RunAsync();

        Assert.True(second.Ok, second.Units[0].Error);
        var changes = (await Events(account)).Skip(0).ToList();
        Assert.Equal(before + 5, changes.Count);
        var added = changes.Where(c => c.EventType != EventTypes.Created && c.EventType != EventTypes.Attached)
            .Select(c => $"{c.ResourceId} {c.EventType}").ToList();
        Assert.Equal(new[] { "i-002 resized", "i-003 tag_changed", "i-004 deleted", "i-005 state_changed", "vol-002 resized" }, added);

        var all = changes.ToDictionary(c => $"{c.ResourceId} {c.EventType}");
        Assert.Equal(("m5.large", "m5.2xlarge"), (all["i-002 resized"].Properties[EventProperties.Old], all["i-002 resized"].Properties[EventProperties.New]));
        Assert.Equal(("100", "500"), (all["vol-002 resized"].Properties[EventProperties.OldSizeGb], all["vol-002 resized"].Properties[EventProperties.NewSizeGb]));
        Assert.Equal(("gp3", "io2"), (all["vol-002 resized"].Properties[EventProperties.OldVolumeType], all["vol-002 resized"].Properties[EventProperties.NewVolumeType]));
        Assert.Equal(("3000", "6000"), (all["vol-002 resized"].Properties["old_iops"], all["vol-002 resized"].Properties["new_iops"]));
        Assert.Equal(("polo:index", "search", "logs"), (all["i-003 tag_changed"].Properties[EventProperties.Key],
            all["i-003 tag_changed"].Properties[EventProperties.Old], all["i-003 tag_changed"].Properties[EventProperties.New]));
        Assert.Equal((ResourceStates.Running, ResourceStates.Stopped), (all["i-005 state_changed"].Properties[EventProperties.OldState], all["i-005 state_changed"].Properties[EventProperties.NewState]));

        var snaps = await Snapshots(account);
        Assert.Equal((byte)1, snaps["i-004"].IsDeleted);
        Assert.Equal(ResourceStates.Terminated, snaps["i-004"].State);
        Assert.Equal("m5.2xlarge", snaps["i-002"].Properties[EventProperties.InstanceType]);
        Assert.Equal("logs", snaps["i-003"].IndexName);
        // The re-tagged instance moved in the hierarchy: its closure now leads through the new index only.
        Assert.Equal(new[] { "0 i-003 ec2_instance", "1 index:globex/prod-2/logs index", "2 cluster:globex/prod-2 cluster", "3 customer:globex customer" },
            await Closure("i-003"));

        var third = await h.RunAsync();
        Assert.Equal(0, third.Rows);
        Assert.Equal(changes.Count, (await Events(account)).Count);
    }

    [Fact]
    public async Task Detaching_a_volume_closes_its_edge_and_records_a_detached_event()
    {
        const string account = "200000000005";
        var e = Seed(account);
        var h = new CollectorHarness(Ch, _aws, [account]);
        await h.RunAsync();

        e.Volumes[2] = e.Volumes[2] with { AttachedTo = null };
        var result = await h.RunAsync();

        Assert.True(result.Ok);
        var events = await Events(account);
        var detached = Assert.Single(events, x => x.EventType == EventTypes.Detached);
        Assert.Equal(("vol-003", "i-003"), (detached.ResourceId, detached.Properties[EventProperties.Target]));
        Assert.Equal(0, await Count("resource_relationships FINAL", account, "from_id = 'vol-003' AND is_deleted = 0"));
        Assert.Equal(ResourceStates.Available, (await Snapshots(account))["vol-003"].State);
    }
}
