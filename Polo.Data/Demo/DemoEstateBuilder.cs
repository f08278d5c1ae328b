using System.Globalization;
using Polo.Data.Analysis;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;
using static Polo.Data.Demo.DemoCatalog;

namespace Polo.Data.Demo;

/// <summary>A cause before its expected delta is measured.</summary>
internal sealed record PlannedCause(string CauseId, string Kind, string Description, string NodeId,
    IReadOnlyList<string> ResourceIds, TimeRange Baseline, TimeRange Period, bool PeriodCostOnly = false);

/// <summary>
/// Builds the demo estate in memory, deterministically from the seed: customers' search clusters across the legacy
/// fleet, shared NAT/EIP/ELB infrastructure, internal dev/staging/test/data workloads, background churn, and four
/// injected causes whose effect the decomposition must find.
/// </summary>
internal sealed partial class DemoEstateBuilder
{
    private readonly DemoEstateOptions _o;
    private readonly Random _rng;
    private readonly DateTime _start;
    private readonly DateTime _end;

    public List<ResourceDraft> Resources { get; } = new();

    /// <summary>Cost streams only the bill knows (commitment fees, id-less lines, an S3 bucket): no inventory row, no event.</summary>
    public List<ResourceDraft> BillOnly { get; } = new();
    public List<RelationshipRow> Relationships { get; } = new();
    public List<PlannedCause> Causes { get; } = new();
    public HashSet<(string Customer, string Cluster, string Index)> Nodes { get; } = new();
    public List<Customer> CustomerList { get; } = new();

    public DemoEstateBuilder(DemoEstateOptions options)
    {
        if (options.Days < 14) throw new ArgumentException("The demo estate needs at least 14 days.", nameof(options));
        if (options.Scale < 1) throw new ArgumentException("Scale must be at least 1.", nameof(options));
        _o = options;
        _rng = new Random(options.Seed);
        _end = options.EndUtc;
        _start = options.StartUtc;
    }

    private DateTime DaysBeforeEnd(double days) => _end.AddDays(-days);

    public DemoEstateBuilder Build()
    {
        BuildCustomers();
        BuildSharedInfrastructure();
        BuildInternalWorkloads();
        InjectScaleUp();
        InjectTestClusterRanLonger();
        InjectOrphanedVolumes();
        InjectNatSpike();
        InjectSavingsPlanExpiry();
        InjectReservedInstancePurchase();
        AddMonthlyCharges();
        AddBillOnlyBucket();
        InjectAnomalies(); // last: its random ids do not shift the rest of the estate
        return this;
    }

    // ---- customers ---------------------------------------------------------------------------------------------

    private void BuildCustomers()
    {
        for (var s = 0; s < _o.Scale; s++)
            foreach (var c in DemoCatalog.Customers)
                CustomerList.Add(s == 0 ? c : c with { Name = $"{c.Name}-{s + 1}", DisplayName = $"{c.DisplayName} {s + 1}" });

        foreach (var customer in CustomerList)
        {
            var clusters = customer.Name == "acme" ? 2 : 1 + _rng.Next(3);
            for (var k = 1; k <= clusters; k++)
            {
                var account = Accounts[SearchAccounts[_rng.Next(SearchAccounts.Length)]];
                if (customer.Name == "acme") account = Accounts[0];
                var cluster = $"prod-{k}";
                var createdAt = _start.AddDays(-_rng.Next(30, 400));
                // Background growth: globex opens a new cluster mid-window.
                if (customer.Name == "globex" && k == clusters) { cluster = $"prod-{k}"; createdAt = DaysBeforeEnd(_o.Days / 2.0).Date.AddHours(9); }
                BuildCluster(customer.Name, cluster, account, createdAt);
            }
        }

        // Background churn: hooli retires one index.
        var hooliIndex = Resources.Where(r => r.Placement.Customer == "hooli" && r.Type is ResourceTypes.Instance or ResourceTypes.Volume)
            .Select(r => r.Placement.IndexName).FirstOrDefault();
        if (hooliIndex != null)
            foreach (var r in Resources.Where(r => r.Placement.Customer == "hooli" && r.Placement.IndexName == hooliIndex).ToList())
                Delete(r, DaysBeforeEnd(Math.Min(20, _o.Days / 3.0)).AddHours(14));

        // Background tag change: one umbrella node is re-tagged to another index.
        var moved = Resources.FirstOrDefault(r => r.Placement.Customer == "umbrella" && r.Type == ResourceTypes.Instance);
        if (moved != null)
        {
            var at = DaysBeforeEnd(Math.Min(15, _o.Days / 4.0)).AddHours(11);
            var target = moved.Placement with { IndexName = moved.Placement.IndexName == "events" ? "catalog" : "events" };
            Nodes.Add((target.Customer, target.Cluster, target.IndexName));
            moved.Event(at, EventTypes.TagChanged, (EventProperties.Key, "index"), (EventProperties.Old, moved.Placement.IndexName), (EventProperties.New, target.IndexName));
            moved.ChangeFrom(at, p => p with { Placement = target });
            moved.Placement = target;
        }
    }

    private void BuildCluster(string customer, string cluster, Account account, DateTime createdAt)
    {
        var indexCount = customer == "acme" && cluster == "prod-1" ? 3 : 2 + _rng.Next(3);
        var indexes = IndexNames.OrderBy(_ => _rng.Next()).Take(indexCount).ToList();
        if (customer == "acme" && cluster == "prod-1" && !indexes.Contains("search")) indexes[0] = "search";
        var types = new[] { "r5.xlarge", "r5.2xlarge", "m5.2xlarge", "i3.2xlarge" };
        foreach (var index in indexes)
        {
            var p = new Placement(account, customer, cluster, index);
            Nodes.Add((customer, cluster, index));
            var nodes = customer == "acme" && index == "search" ? 4 : 2 + _rng.Next(3);
            var type = customer == "acme" && index == "search" ? "r5.xlarge" : types[_rng.Next(types.Length)];
            for (var n = 0; n < nodes; n++)
            {
                var at = createdAt.AddMinutes(_rng.Next(0, 120));
                var instance = Instance(p, type, at, $"{customer}-{cluster}-{index}-{n + 1}");
                var volume = Volume(p, 100 * (2 + _rng.Next(9)), at, instance);
                Snapshot(volume, at.AddDays(1));
            }
        }
        LoadBalancer(new Placement(account, customer, cluster, ""), createdAt);
    }

    // ---- shared and internal --------------------------------------------------------------------------------

    private void BuildSharedInfrastructure()
    {
        foreach (var account in Accounts)
        {
            var p = new Placement(account, "", "", "");
            var created = _start.AddDays(-_rng.Next(200, 700));
            var nat = Nat(p, created, gbPerHour: account.Name == "prod-shared" ? 20 : 2 + _rng.Next(10));
            var eip = Resource("eipalloc", ResourceTypes.ElasticIp, p, created, $"{account.Name}-nat-ip", ResourceStates.Associated);
            eip.Pieces.Add(new CostPiece(p, "AmazonEC2", "PublicIPv4:InUseAddress", created, End(eip), PublicIpv4Hour, 1));
            Relate(account, eip.Id, Relations.AssociatedWith, nat.Id, created);
        }
        for (var k = 0; k < 3; k++)
        {
            var account = Accounts[_rng.Next(Accounts.Length)];
            var p = new Placement(account, "", "", "");
            var eip = Resource("eipalloc", ResourceTypes.ElasticIp, p, _start.AddDays(-_rng.Next(30, 300)), $"unused-ip-{k + 1}", ResourceStates.Unassociated);
            eip.Pieces.Add(new CostPiece(p, "AmazonEC2", "ElasticIP:IdleAddress", eip.CreatedAt, End(eip), PublicIpv4Hour, 1));
        }
        // Archive snapshots in the logging account.
        var archive = new Placement(Accounts[14], "", "", "");
        for (var k = 0; k < 4; k++)
        {
            var snap = Resource("snap", ResourceTypes.Snapshot, archive, _start.AddDays(-_rng.Next(100, 500)), $"archive-{k + 1}", ResourceStates.Completed);
            var gb = 2000 + 500 * k;
            snap.Properties[EventProperties.SizeGb] = gb.ToString(CultureInfo.InvariantCulture);
            snap.Pieces.Add(new CostPiece(archive, "AmazonEBS", "EBS:SnapshotUsage", snap.CreatedAt, End(snap), PerHour(SnapshotPerGbMonth, gb), gb / 730.0));
        }
    }

    private void BuildInternalWorkloads()
    {
        CustomerList.Add(new Customer("internal", "Internal", "internal"));
        foreach (var (accountIndex, cluster, count, type) in new[] { (7, "staging", 4, "m5.xlarge"), (8, "staging-eu", 3, "m5.xlarge"), (9, "dev", 3, "m5.large"), (10, "dev-west", 2, "m5.large") })
        {
            var p = new Placement(Accounts[accountIndex], "internal", cluster, "");
            Nodes.Add(("internal", cluster, ""));
            for (var n = 0; n < count; n++)
            {
                var created = _start.AddDays(-_rng.Next(10, 200));
                var i = Instance(p, type, created, $"{cluster}-{n + 1}");
                Volume(p, 100, created, i);
            }
            // Short-lived dev boxes: launched and terminated within the window.
            for (var day = 3; day < _o.Days - 3; day += 9 + _rng.Next(6))
            {
                var launched = _start.AddDays(day).AddHours(9 + _rng.Next(4));
                var i = Instance(p, type, launched, $"{cluster}-tmp-{day}");
                Delete(i, launched.AddDays(1 + _rng.Next(4)));
            }
        }
        var security = new Placement(Accounts[13], "internal", "security-tools", "");
        Nodes.Add(("internal", "security-tools", ""));
        Instance(security, "m5.large", _start.AddDays(-300), "scanner-1");
    }

    // ---- injected causes --------------------------------------------------------------------------------------

    /// <summary>Customer acme's search index scales its 4 data nodes from r5.xlarge to r5.4xlarge.</summary>
    private void InjectScaleUp()
    {
        var at = DaysBeforeEnd(Math.Min(10, _o.Days / 4.0));
        var nodes = Resources.Where(r => r.Type == ResourceTypes.Instance && r.Placement is { Customer: "acme", Cluster: "prod-1", IndexName: "search" }).ToList();
        foreach (var node in nodes)
        {
            node.Event(at, EventTypes.Resized, (EventProperties.Old, "r5.xlarge"), (EventProperties.New, "r5.4xlarge"));
            node.Properties[EventProperties.InstanceType] = "r5.4xlarge";
            node.ChangeFrom(at, p => p.UsageType.StartsWith("BoxUsage:", StringComparison.Ordinal)
                ? p with { UsageType = "BoxUsage:r5.4xlarge", HourlyCost = InstancePrice["r5.4xlarge"] }
                : p);
        }
        var len = _end - at;
        Causes.Add(new PlannedCause("scale-up-acme-search", CauseKind.Resized,
            $"customer acme's search index scaled up: {nodes.Count} data nodes r5.xlarge → r5.4xlarge",
            NodeId.Index("acme", "prod-1", "search"), nodes.Select(n => n.Id).ToList(),
            new TimeRange(at - len, at), new TimeRange(at, _end)));
    }

    /// <summary>A weekly load-test cluster normally runs two days; the last run was never stopped.</summary>
    private void InjectTestClusterRanLonger()
    {
        var p = new Placement(Accounts[11], "internal", "loadtest", "");
        Nodes.Add(("internal", "loadtest", ""));
        var created = _start.AddDays(-14);
        var ids = new List<string>();
        for (var n = 0; n < 8; n++)
        {
            var i = Resource("i", ResourceTypes.Instance, p, created, $"loadtest-{n + 1}", ResourceStates.Running);
            i.Properties[EventProperties.InstanceType] = "i3.4xlarge";
            i.Event(created, EventTypes.Created, (EventProperties.InstanceType, "i3.4xlarge"), (EventProperties.State, ResourceStates.Stopped));
            Volume(p, 500, created, i);
            ids.Add(i.Id);
            for (var week = (int)Math.Floor(_o.Days / 7.0); week >= 1; week--)
            {
                var runStart = DaysBeforeEnd(7 * week);
                var runEnd = week == 1 ? _end : runStart.AddDays(2);
                i.Event(runStart, EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Stopped), (EventProperties.NewState, ResourceStates.Running));
                if (week != 1) i.Event(runEnd, EventTypes.StateChanged, (EventProperties.OldState, ResourceStates.Running), (EventProperties.NewState, ResourceStates.Stopped));
                i.Pieces.Add(new CostPiece(p, "AmazonEC2", "BoxUsage:i3.4xlarge", runStart, runEnd, InstancePrice["i3.4xlarge"], 1));
            }
        }
        Causes.Add(new PlannedCause("test-cluster-ran-longer", CauseKind.RanLonger,
            "test cluster loadtest ran 5 days longer than its usual 2-day run (never stopped)",
            NodeId.Cluster("internal", "loadtest"), ids,
            new TimeRange(DaysBeforeEnd(14), DaysBeforeEnd(7)), new TimeRange(DaysBeforeEnd(7), _end)));
    }

    /// <summary>A nightly job's scratch volumes stop being cleaned up and accumulate, detached.</summary>
    private void InjectOrphanedVolumes()
    {
        var p = new Placement(Accounts[6], "internal", "data-pipeline", "");
        Nodes.Add(("internal", "data-pipeline", ""));
        var worker = Instance(p, "c5.xlarge", _start.AddDays(-120), "pipeline-worker");
        var half = Math.Min(30, _o.Days / 2);
        var broken = DaysBeforeEnd(half);
        var orphans = new List<string>();
        for (var day = _o.Days - 2 * half; day < _o.Days; day++)
        {
            var created = _start.AddDays(day).AddHours(1);
            var volume = Volume(p, 500, created, worker, name: $"scratch-{created:yyyyMMdd}");
            var detached = created.AddHours(6);
            volume.Event(detached, EventTypes.Detached, (EventProperties.Target, worker.Id));
            volume.State = ResourceStates.Available;
            Relationships.Add(new RelationshipRow(p.Account.Id, volume.Id, Relations.AttachedTo, worker.Id, created, 1, detached));
            if (created < broken) Delete(volume, detached);
            else orphans.Add(volume.Id);
        }
        Causes.Add(new PlannedCause("orphaned-scratch-volumes", CauseKind.Orphaned,
            $"{orphans.Count} detached scratch volumes accumulated after the pipeline's cleanup broke",
            NodeId.Cluster("internal", "data-pipeline"), orphans,
            new TimeRange(broken.AddDays(-half), broken), new TimeRange(broken, _end), PeriodCostOnly: true));
    }

    /// <summary>The shared NAT gateway's processed bytes jump fivefold.</summary>
    private void InjectNatSpike()
    {
        var nat = Resources.First(r => r.Type == ResourceTypes.NatGateway && r.Placement.Account.Name == "prod-shared");
        var at = DaysBeforeEnd(Math.Min(5, _o.Days / 4.0));
        nat.ChangeFrom(at, p => p.UsageType == "NatGateway-Bytes" ? p with { HourlyUsage = 100, HourlyCost = 100 * NatPerGb } : p);
        var len = _end - at;
        Causes.Add(new PlannedCause("nat-traffic-spike", CauseKind.UsageChange,
            "prod-shared NAT gateway traffic rose from 20 to 100 GB/hour",
            NodeId.Flat(NodeKinds.Account, nat.Placement.Account.Id), [nat.Id], new TimeRange(at - len, at), new TimeRange(at, _end)));
    }

    // ---- resource factories ------------------------------------------------------------------------------------

    private DateTime End(ResourceDraft r) => r.DeletedAt ?? _end;

    private string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[9];
        _rng.NextBytes(bytes);
        return $"{prefix}-0{Convert.ToHexStringLower(bytes)[..16]}";
    }

    private ResourceDraft Resource(string prefix, string type, Placement p, DateTime created, string name, string state)
    {
        var r = new ResourceDraft(NewId(prefix), type, p, created) { Name = name, State = state };
        Resources.Add(r);
        return r;
    }

    private ResourceDraft Instance(Placement p, string type, DateTime created, string name)
    {
        var i = Resource("i", ResourceTypes.Instance, p, created, name, ResourceStates.Running);
        i.Properties[EventProperties.InstanceType] = type;
        i.Event(created, EventTypes.Created, (EventProperties.InstanceType, type));
        i.Pieces.Add(new CostPiece(p, "AmazonEC2", $"BoxUsage:{type}", created, _end, InstancePrice[type], 1));
        return i;
    }

    private ResourceDraft Volume(Placement p, int gb, DateTime created, ResourceDraft attachTo, string? name = null)
    {
        var v = Resource("vol", ResourceTypes.Volume, p, created, name ?? $"{attachTo.Name}-data", ResourceStates.InUse);
        v.Properties[EventProperties.SizeGb] = gb.ToString(CultureInfo.InvariantCulture);
        v.Properties[EventProperties.VolumeType] = "gp3";
        v.Event(created, EventTypes.Created, (EventProperties.SizeGb, v.Properties[EventProperties.SizeGb]), (EventProperties.VolumeType, "gp3"));
        v.Event(created, EventTypes.Attached, (EventProperties.Target, attachTo.Id));
        v.Pieces.Add(new CostPiece(p, "AmazonEBS", "EBS:VolumeUsage.gp3", created, _end, PerHour(Gp3PerGbMonth, gb), gb / 730.0));
        Relate(p.Account, v.Id, Relations.AttachedTo, attachTo.Id, created);
        return v;
    }

    private void Snapshot(ResourceDraft volume, DateTime created)
    {
        var gb = int.Parse(volume.Properties[EventProperties.SizeGb], CultureInfo.InvariantCulture) / 2;
        var s = Resource("snap", ResourceTypes.Snapshot, volume.Placement, created, $"{volume.Name}-backup", ResourceStates.Completed);
        s.Properties[EventProperties.SizeGb] = gb.ToString(CultureInfo.InvariantCulture);
        s.Event(created, EventTypes.Created, (EventProperties.SizeGb, s.Properties[EventProperties.SizeGb]));
        s.Pieces.Add(new CostPiece(volume.Placement, "AmazonEBS", "EBS:SnapshotUsage", created, _end, PerHour(SnapshotPerGbMonth, gb), gb / 730.0));
        Relate(volume.Placement.Account, s.Id, Relations.SnapshotOf, volume.Id, created);
    }

    private ResourceDraft Nat(Placement p, DateTime created, int gbPerHour)
    {
        var nat = Resource("nat", ResourceTypes.NatGateway, p, created, $"{p.Account.Name}-nat", ResourceStates.Available);
        nat.Event(created, EventTypes.Created);
        nat.Pieces.Add(new CostPiece(p, "AmazonEC2", "NatGateway-Hours", created, _end, NatHour, 1));
        nat.Pieces.Add(new CostPiece(p, "AmazonEC2", "NatGateway-Bytes", created, _end, gbPerHour * NatPerGb, gbPerHour, Pattern: 1));
        var eni = Resource("eni", ResourceTypes.NetworkInterface, p, created, $"{nat.Name}-eni", ResourceStates.InUse);
        Relate(p.Account, eni.Id, Relations.InterfaceOf, nat.Id, created);
        return nat;
    }

    private void LoadBalancer(Placement p, DateTime created)
    {
        var lb = Resource("elb", ResourceTypes.LoadBalancer, p, created, $"{p.Customer}-{p.Cluster}-lb", ResourceStates.Active);
        lb.Event(created, EventTypes.Created);
        lb.Pieces.Add(new CostPiece(p, "AWSELB", "LoadBalancerUsage", created, _end, LoadBalancerHour, 1));
        for (var k = 0; k < 2; k++)
        {
            var eni = Resource("eni", ResourceTypes.NetworkInterface, p, created, $"{lb.Name}-eni-{k + 1}", ResourceStates.InUse);
            Relate(p.Account, eni.Id, Relations.InterfaceOf, lb.Id, created);
        }
    }

    private static void Delete(ResourceDraft r, DateTime at)
    {
        r.DeletedAt = at;
        r.State = r.Type == ResourceTypes.Instance ? ResourceStates.Terminated : ResourceStates.Deleted;
        r.Event(at, EventTypes.Deleted);
        r.ChangeFrom(at, _ => null);
    }

    private void Relate(Account account, string from, string relation, string to, DateTime at) =>
        Relationships.Add(new RelationshipRow(account.Id, from, relation, to, at, 0, at));
}
