using Polo.Data.Analysis;
using Polo.Data.Analysis.Resources;
using Polo.Data.Inventory;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;
using static Polo.Data.Tests.Inventory.BilledLines;

namespace Polo.Data.Tests.Inventory;

/// <summary>Every resource id in a bill (cost_hourly rows in real CUR shapes) becomes an inventory row with its type,
/// place, tags and billed hours, on the real engine.</summary>
public sealed class BillInventoryTests : IAsyncLifetime
{
    private const string Acct = "111122223333";
    private const string Rds = "arn:aws:rds:us-east-1:111122223333:db:orders-db";
    private const string GlueDev = "arn:aws:glue:us-east-1:111122223333:devEndpoint/etl-dev";
    private const string GlueJob = "arn:aws:glue:us-east-1:111122223333:job/nightly-export";
    private const string Lambda = "arn:aws:lambda:us-east-1:111122223333:function:resize-images";
    private const string Alb = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188";
    private const string SnapArn = "arn:aws:ec2:us-east-1:111122223333:snapshot/snap-0abc";
    private const string Bucket = "acme-logs-bucket";
    private const string Notebook = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research";
    private static readonly DateTime Dec1 = Nov1.AddMonths(1);
    private static readonly BillTagKeys Keys = new();

    private IClickHouse _ch = null!;

    public async Task InitializeAsync() => _ch = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _ch.DisposeAsync();
    }

    private static Dictionary<string, string> T(params (string K, string V)[] kv) => kv.ToDictionary(p => p.K, p => p.V);

    /// <summary>November 2025: a past EC2 instance, an RDS db covered by an RI ($0 unblended), Glue, Lambda, an ALB, an
    /// S3 bucket billed daily in GB-Mo, an EC2 snapshot ARN, a SageMaker notebook, a monthly RI fee with no resource, and
    /// one instance the EC2 poll already knows.</summary>
    private async Task SeedNovemberAsync()
    {
        await new BilledLines()
            .Hourly(Acct, "AmazonEC2", "BoxUsage:m5.large", "i-0past", Nov1, Nov1.AddDays(20), 0.096m,
                tags: T(("polo:customer", "acme"), ("polo:cluster", "prod-1"), ("Name", "acme-worker")), resourceType: "ec2_instance")
            .Hourly(Acct, "AmazonRDS", "InstanceUsage:db.r5.large", Rds, Nov1, Dec1, 0m, "DiscountedUsage",
                tags: T(("user_polo_customer", "globex")))
            .Hourly(Acct, "AWSGlue", "USE1-GlueInteractiveSessions-DPU-Hour", GlueDev, Nov1, Nov1.AddDays(10), 0.44m)
            .Hourly(Acct, "AWSGlue", "USE1-ETL-DPU-Hour", GlueJob, Nov1.AddHours(2), Nov1.AddHours(3), 4.40m)
            .Hourly(Acct, "AWSLambda", "Lambda-GB-Second", Lambda, Nov1, Dec1, 0.0002m, pricingUnit: "Lambda-GB-Second", usage: 12)
            .Hourly(Acct, "AWSELB", "LoadBalancerUsage", Alb, Nov1, Dec1, 0.0225m)
            .Hourly(Acct, "AmazonEC2", "EBS:SnapshotUsage", SnapArn, Nov1, Dec1, 0.0068m, pricingUnit: "GB-Mo", usage: 0.13)
            .Hourly(Acct, "AmazonSageMaker", "USE1-Notebook:ml.t3.medium", Notebook, Nov1, Dec1, 0.05m)
            .Daily(Acct, "AmazonS3", "TimedStorage-ByteHrs", Bucket, Nov1, Dec1, 0.77m, "GB-Mo", 33.3)
            .Hourly(Acct, "AmazonEC2", "HeavyUsage:m5.large", "", Nov1, Nov1.AddHours(1), 147.38m, "RIFee")
            .Hourly(Acct, "AmazonEC2", "BoxUsage:c5.xlarge", "i-0polled", Nov1, Dec1, 0.17m, resourceType: "ec2_instance")
            .WriteAsync(_ch);
        await _ch.InsertAsync("resource_snapshots", [new SnapshotRow("i-0polled", Acct, "us-east-1", "ec2_instance", "polled",
            "running", "", "", "", new(), new() { ["instance_type"] = "c5.xlarge" }, Nov1.AddDays(-40), null, 0, Nov1.AddDays(-1))]);
    }

    private sealed record Snap(string ResourceId, string ResourceType, string Name, string State, string Owner, string Customer,
        string Cluster, DateTime CreatedAt, DateTime? DeletedAt, byte IsDeleted, Dictionary<string, string> Tags,
        Dictionary<string, string> Properties);

    private async Task<Dictionary<string, Snap>> SnapshotsAsync() => (await _ch.QueryAsync<Snap>("""
        SELECT resource_id, toString(resource_type) AS resource_type, name, toString(state) AS state, toString(owner) AS owner,
               toString(customer) AS customer, cluster, created_at, deleted_at, is_deleted, tags, properties
        FROM resource_snapshots FINAL
        """)).ToDictionary(s => s.ResourceId);

    [Fact]
    public async Task Every_billed_resource_id_joins_the_inventory_with_its_type_place_tags_and_billed_hours()
    {
        await SeedNovemberAsync();

        var result = await new BillInventory(_ch).RefreshAsync(Keys);

        Assert.Equal(10, result.BillingRows); // every resource id but the id-less RI fee
        Assert.Equal(9, result.Snapshots);    // all but the instance the poll owns
        var s = await SnapshotsAsync();
        Assert.Equal(10, s.Count);
        Assert.Equal(new Dictionary<string, string>
        {
            ["i-0past"] = "ec2_instance", [Rds] = "rds_db", [GlueDev] = "glue_dev_endpoint", [GlueJob] = "glue_job",
            [Lambda] = "lambda_function", [Alb] = "load_balancer", [SnapArn] = "ebs_snapshot", [Bucket] = "s3_bucket",
            [Notebook] = "sagemaker_notebook_instance", ["i-0polled"] = "ec2_instance",
        }, s.ToDictionary(kv => kv.Key, kv => kv.Value.ResourceType));
        Assert.All(s.Values.Where(v => v.ResourceId != "i-0polled"), v => Assert.Equal(InventoryOwner.Bill, v.Owner));
        Assert.Equal(InventoryOwner.Inventory, s["i-0polled"].Owner);
        Assert.Equal("polled", s["i-0polled"].Name);

        // Names: the Name tag, else the ARN's last part.
        Assert.Equal("acme-worker", s["i-0past"].Name);
        Assert.Equal("orders-db", s[Rds].Name);
        Assert.Equal("etl-dev", s[GlueDev].Name);
        Assert.Equal("50dc6c495c0c9188", s[Alb].Name);

        // First and last billed hour; stopped more than a day before the bill ends → no longer billed.
        Assert.Equal(("no longer billed", (byte)1), (s["i-0past"].State, s["i-0past"].IsDeleted));
        Assert.Equal(Nov1, s["i-0past"].CreatedAt);
        Assert.Equal(Nov1.AddDays(20), s["i-0past"].DeletedAt);
        Assert.Equal("no longer billed", s[GlueDev].State);
        Assert.Equal("no longer billed", s[GlueJob].State);
        Assert.Equal(("billed", (byte)0, (DateTime?)null), (s[Rds].State, s[Rds].IsDeleted, s[Rds].DeletedAt)); // $0 RI hours are billed hours
        Assert.Equal("billed", s[Bucket].State);     // billed daily: its last line is the bill's last day
        Assert.Equal("AmazonS3", s[Bucket].Properties["service"]);

        // Tags and place from the bill, with the configured keys under any of their billed names.
        Assert.Equal(("acme", "prod-1"), (s["i-0past"].Customer, s["i-0past"].Cluster));
        Assert.Equal("globex", s[Rds].Customer);
        Assert.Equal("acme", s["i-0past"].Tags["polo:customer"]);

        var billed = await _ch.QueryAsync<BillingFacts>(
            "SELECT resource_id, first_billed_hour, last_billed_hour FROM resource_billing FINAL");
        var polled = Assert.Single(billed, b => b.ResourceId == "i-0polled");
        Assert.Equal((Nov1, Dec1.AddHours(-1)), (polled.FirstBilledHour, polled.LastBilledHour));
        Assert.Equal(Nov1.AddHours(2), Assert.Single(billed, b => b.ResourceId == GlueJob).LastBilledHour);
    }

    private sealed record BillingFacts(string ResourceId, DateTime FirstBilledHour, DateTime LastBilledHour);

    private sealed record Node(string NodeId, string NodeType, string Name, string ParentId);
    private sealed record Edge(string DescendantId, string AncestorId, byte Depth);

    [Fact]
    public async Task The_hierarchy_is_built_from_the_bills_tags()
    {
        await SeedNovemberAsync();
        await new BilledLines()
            .Hourly(Acct, "AmazonEC2", "BoxUsage:r5.large", "i-0stamped", Nov1, Dec1, 0.126m, resourceType: "ec2_instance",
                customer: "initech", cluster: "search-1")
            .WriteAsync(_ch);

        await new BillInventory(_ch).RefreshAsync(Keys);

        var nodes = await _ch.QueryAsync<Node>(
            "SELECT node_id, toString(node_type) AS node_type, name, parent_id FROM hierarchy_nodes FINAL ORDER BY node_id");
        Assert.Equal(
        [
            new Node("cluster:acme/prod-1", "cluster", "prod-1", "customer:acme"),
            new Node("cluster:initech/search-1", "cluster", "search-1", "customer:initech"),
            new Node("customer:acme", "customer", "acme", ""),
            new Node("customer:globex", "customer", "globex", ""),
            new Node("customer:initech", "customer", "initech", ""),
        ], nodes);
        var closure = await _ch.QueryAsync<Edge>(
            "SELECT descendant_id, ancestor_id, depth FROM resource_ancestry FINAL WHERE descendant_id IN ('i-0past', 'cluster:acme/prod-1') ORDER BY descendant_id, depth");
        Assert.Equal(
        [
            new Edge("cluster:acme/prod-1", "cluster:acme/prod-1", 0), new Edge("cluster:acme/prod-1", "customer:acme", 1),
            new Edge("i-0past", "i-0past", 0), new Edge("i-0past", "cluster:acme/prod-1", 1), new Edge("i-0past", "customer:acme", 2),
        ], closure);

        var roots = await new Polo.Data.Analysis.Hierarchy.HierarchyQueries(_ch).ChildrenAsync("", TimeRange.Create(Nov1, Dec1));
        Assert.Equal(["customer:initech", "customer:acme", "customer:globex"], roots.Select(r => r.NodeId));
        Assert.Equal(0.126m * 720, roots[0].Cost);
    }

    [Fact]
    public async Task A_second_refresh_writes_nothing_and_a_later_bill_updates_only_what_changed()
    {
        await SeedNovemberAsync();
        var inventory = new BillInventory(_ch);
        await inventory.RefreshAsync(Keys);

        Assert.Equal(0, (await inventory.RefreshAsync(Keys)).Rows);

        // December's first two days: the Glue dev endpoint is billed again, the rest carries on but i-0past stays gone.
        await new BilledLines()
            .Hourly(Acct, "AWSGlue", "USE1-GlueInteractiveSessions-DPU-Hour", GlueDev, Dec1, Dec1.AddDays(2), 0.44m)
            .Hourly(Acct, "AmazonRDS", "InstanceUsage:db.r5.large", Rds, Dec1, Dec1.AddDays(2), 0m, "DiscountedUsage",
                tags: T(("user_polo_customer", "globex")))
            .WriteAsync(_ch);
        var later = await inventory.RefreshAsync(Keys);

        Assert.Equal(2, later.BillingRows); // only the two resources with new lines are recomputed
        var s = await SnapshotsAsync();
        Assert.Equal(("billed", (byte)0), (s[GlueDev].State, s[GlueDev].IsDeleted));
        // Not billed in December while the bill moved on: the ALB, Lambda, S3, notebook and snapshot stop being billed too.
        Assert.Equal("no longer billed", s[Alb].State);
        Assert.Equal("no longer billed", s[Bucket].State);
        Assert.Equal("billed", s[Rds].State);
        Assert.Equal(1 + 5, later.Snapshots); // the dev endpoint back, five stopped (RDS unchanged, i-0past already stopped)
        Assert.Equal(0, (await inventory.RefreshAsync(Keys)).Rows);
    }

    [Fact]
    public async Task A_bill_only_resource_has_a_detail_page_with_its_cost_timeline_and_billed_hours()
    {
        await SeedNovemberAsync();
        await new BillInventory(_ch).RefreshAsync(Keys);
        var q = new ResourceQueries(_ch);

        var detail = await q.DetailAsync(GlueDev, TimeRange.Create(Nov1, Dec1));

        Assert.NotNull(detail);
        Assert.Equal(("glue_dev_endpoint", Acct, "us-east-1"), (detail.Resource.ResourceType, detail.Resource.AccountId, detail.Resource.Region));
        Assert.Equal(InventoryOwner.Bill, detail.Owner);
        Assert.NotNull(detail.Billing);
        Assert.Equal((Nov1, Nov1.AddDays(10).AddHours(-1), "AWSGlue"), (detail.Billing.FirstBilledHour, detail.Billing.LastBilledHour, detail.Billing.Service));
        Assert.Equal(30, detail.DailyCost.Count);
        Assert.Equal(0.44m * 24, detail.DailyCost[0].Cost);
        Assert.Equal(0m, detail.DailyCost[10].Cost);
        Assert.Equal(0.44m * 240, detail.Resource.Cost);

        var rds = await q.SearchAsync(new ResourceQuery(ResourceType: "rds_db"));
        Assert.Equal([Rds], rds.Rows.Select(r => r.ResourceId));
        Assert.Equal("globex", rds.Rows[0].Customer);
    }
}
