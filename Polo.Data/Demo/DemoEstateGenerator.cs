using System.Security.Cryptography;
using System.Text;
using Polo.Data.Analysis;
using Polo.Data.Changes;
using Polo.Data.Inventory;
using Polo.Data.Rows;
using Polo.Data.Vocabulary;

namespace Polo.Data.Demo;

/// <summary>
/// Writes the demo estate into ClickHouse: metadata, hierarchy and closure table, snapshots, relationships, lifecycle
/// events, 90 days (by default) of hourly cost expanded in SQL from cost segments, and the injected causes with the
/// delta each one really produced (measured from the written cost), as ground truth in <c>demo_causes</c>.
/// </summary>
public sealed class DemoEstateGenerator(IClickHouse ch, DataChangeNotifier? notifier)
{
    /// <summary>Tables the demo estate writes; reset empties them.</summary>
    public static readonly string[] Tables =
    [
        "resource_events", "resource_snapshots", "cost_hourly", "cost_rollup_daily", "cost_resource_daily", "resource_relationships",
        "hierarchy_nodes", "resource_ancestry", "account_metadata", "customer_metadata", "demo_causes", "demo_cost_segments",
        "resource_billing",
    ];

    public async Task ResetAsync(CancellationToken ct = default)
    {
        foreach (var table in Tables) await ch.ExecuteAsync($"TRUNCATE TABLE IF EXISTS {table}", ct: ct);
    }

    public async Task<DemoEstateSummary> GenerateAsync(DemoEstateOptions options, IProgress<DemoProgress>? progress = null,
        CancellationToken ct = default)
    {
        var existing = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly", ct: ct);
        if (existing > 0)
            throw new InvalidOperationException($"The database '{ch.Database}' already holds {existing:N0} cost rows; reset it first (generate-demo --reset).");

        void Report(string stage, double fraction) => progress?.Report(new DemoProgress(stage, fraction));
        Report("planning the estate", 0.02);
        var estate = new DemoEstateBuilder(options).Build();
        var observed = options.EndUtc;

        Report("writing metadata and hierarchy", 0.08);
        await ch.InsertAsync("account_metadata", DemoCatalog.Accounts.Select(a =>
            new AccountMetadataRow(a.Id, a.Name, a.Role, a.Environment, $"team-{a.Role}")), ct: ct);
        await ch.InsertAsync("customer_metadata", estate.CustomerList.Select(c =>
            new CustomerMetadataRow(c.Name, c.DisplayName, c.Tier)), ct: ct);
        var (nodes, ancestry) = Hierarchy(estate, observed);
        await ch.InsertAsync("hierarchy_nodes", nodes, ct: ct);
        await ch.InsertAsync("resource_ancestry", ancestry, ct: ct);

        Report("writing resources and relationships", 0.15);
        await ch.InsertAsync("resource_snapshots", estate.Resources.Select(r => Snapshot(r, observed)), ct: ct);
        await ch.InsertAsync("resource_relationships", estate.Relationships, ct: ct);

        Report("writing lifecycle events", 0.25);
        var events = estate.Resources.SelectMany(Events).ToList();
        await ch.InsertAsync("resource_events", events, ct: ct);

        Report("writing hourly cost", 0.35);
        var segments = Segments(estate, options).ToList();
        await ch.InsertAsync("demo_cost_segments", segments, ct: ct);
        await ch.ExecuteAsync(ExpandSegmentsSql, ct: ct);

        Report("reading the bill into the inventory", 0.8);
        await new BillInventory(ch).RefreshAsync(new BillTagKeys("customer", "cluster", "index"), ct);

        Report("measuring injected causes", 0.85);
        var causes = new List<InjectedCause>();
        foreach (var c in estate.Causes) causes.Add(await MeasureAsync(c, ct));
        await ch.InsertAsync("demo_causes", causes.Select(c => new CauseRow(c.CauseId, c.Kind, c.Description, c.NodeId,
            c.ResourceIds.ToArray(), c.Baseline.Start, c.Baseline.End, c.Period.Start, c.Period.End, c.ExpectedDelta)), ct: ct);
        await ch.ExecuteAsync("SYSTEM RELOAD DICTIONARIES", ct: ct);

        var costRows = await ch.ScalarAsync<long>("SELECT count() FROM cost_hourly", ct: ct);
        var total = await ch.ScalarAsync<decimal>("SELECT sum(cost) FROM cost_hourly", ct: ct);
        notifier?.Publish(DataKinds.AnalysisData, costRows + events.Count);
        Report("done", 1);
        return new DemoEstateSummary(DemoCatalog.Accounts.Length, estate.CustomerList.Count, estate.Resources.Count,
            costRows, events.Count, total, causes);
    }

    /// <summary>One cost_hourly row per hour of every segment; pattern 1 varies usage over the day around its mean. The
    /// billing columns (line item type, pricing unit, commitment, amortization measures) are copied as they are.</summary>
    private const string ExpandSegmentsSql = """
        INSERT INTO cost_hourly (hour, account_id, region, service, usage_type, resource_id, resource_type,
                                 customer, cluster, index_name, cost, usage_amount, source, line_item_type, pricing_unit,
                                 commitment_arn, public_on_demand_cost, savings_plan_effective_cost,
                                 savings_plan_total_commitment_to_date, savings_plan_used_commitment,
                                 reservation_effective_cost, reservation_unused_amortized_upfront_fee,
                                 reservation_unused_recurring_fee)
        SELECT
            addHours(start_hour, h) AS hour,
            account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
            if(pattern = 1, toDecimal64(toFloat64(hourly_cost) * f, 6), hourly_cost) AS cost,
            hourly_usage * f AS usage_amount,
            'demo' AS source,
            line_item_type, pricing_unit, commitment_arn, public_on_demand_cost, savings_plan_effective_cost,
            savings_plan_total_commitment_to_date, savings_plan_used_commitment, reservation_effective_cost,
            reservation_unused_amortized_upfront_fee, reservation_unused_recurring_fee
        FROM
        (
            SELECT *,
                   arrayJoin(range(toUInt32(dateDiff('hour', start_hour, end_hour)))) AS h,
                   if(pattern = 1, 1 + 0.5 * sin(2 * pi() * toHour(addHours(start_hour, h)) / 24), 1.0) AS f
            FROM demo_cost_segments
        )
        """;

    private async Task<InjectedCause> MeasureAsync(PlannedCause c, CancellationToken ct)
    {
        var rows = await ch.QueryAsync<Measured>("""
            SELECT sumIf(amortized_cost, hour >= {ps:DateTime} AND hour < {pe:DateTime}) AS period,
                   sumIf(amortized_cost, hour >= {bs:DateTime} AND hour < {be:DateTime}) AS baseline
            FROM cost_hourly
            WHERE resource_id IN (SELECT arrayJoin({ids:Array(String)}))
            """, new QueryParams
        {
            ["ps"] = c.Period.Start,
            ["pe"] = c.Period.End,
            ["bs"] = c.Baseline.Start,
            ["be"] = c.Baseline.End,
            ["ids"] = c.ResourceIds,
        }, ct);
        var m = rows.Single();
        var scaled = m.Baseline * (decimal)(c.Period.Length.TotalHours / c.Baseline.Length.TotalHours);
        var expected = Math.Round(c.PeriodCostOnly ? m.Period : m.Period - scaled, 2);
        return new InjectedCause(c.CauseId, c.Kind, $"{c.Description} ({expected:+$#,0.00;-$#,0.00})", c.NodeId,
            c.ResourceIds, c.Baseline, c.Period, expected);
    }

    private sealed record Measured(decimal Period, decimal Baseline);

    private static IEnumerable<SegmentRow> Segments(DemoEstateBuilder estate, DemoEstateOptions o)
    {
        foreach (var r in estate.Resources.Concat(estate.BillOnly))
            foreach (var p in r.Pieces)
            {
                var from = FloorHour(p.From < o.StartUtc ? o.StartUtc : p.From);
                var to = FloorHour(p.To > o.EndUtc ? o.EndUtc : p.To);
                if (to <= from) continue;
                var pl = p.Placement;
                var b = p.Billing ?? PieceBilling.Usage(p.UsageType);
                yield return new SegmentRow(r.Id, pl.Account.Id, pl.Region, p.Service, p.UsageType, r.Type, pl.Customer,
                    pl.Cluster, pl.IndexName, from, to, p.HourlyCost, p.HourlyUsage, p.Pattern, b.LineItemType, b.PricingUnit,
                    b.CommitmentArn, b.PublicOnDemandCost, b.SavingsPlanEffectiveCost, b.SavingsPlanTotalCommitmentToDate,
                    b.SavingsPlanUsedCommitment, b.ReservationEffectiveCost, b.ReservationUnusedAmortizedUpfrontFee,
                    b.ReservationUnusedRecurringFee);
            }
    }

    private static DateTime FloorHour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    private static SnapshotRow Snapshot(ResourceDraft r, DateTime observed)
    {
        var p = r.Placement;
        return new SnapshotRow(r.Id, p.Account.Id, p.Region, r.Type, r.Name, r.State, p.Customer, p.Cluster, p.IndexName,
            r.Tags(), r.Properties, r.CreatedAt, r.DeletedAt, (byte)(r.DeletedAt.HasValue ? 1 : 0), observed);
    }

    private static IEnumerable<EventRow> Events(ResourceDraft r) => r.Events.Select(e =>
    {
        var p = r.Placement;
        return new EventRow(e.At, EventId(r.Id, e.Type, e.At), p.Account.Id, p.Region, r.Id, r.Type, e.Type, "demo",
            "demo-generator", p.Customer, p.Cluster, p.IndexName, e.Props);
    });

    private static string EventId(string resourceId, string type, DateTime at) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{resourceId}|{type}|{at:O}")))[..24];

    private static (List<HierarchyNodeRow>, List<AncestryRow>) Hierarchy(DemoEstateBuilder estate, DateTime at)
    {
        var nodes = new Dictionary<string, HierarchyNodeRow>();
        var ancestry = new List<AncestryRow>();
        var tiers = estate.CustomerList.ToDictionary(c => c.Name, c => c.Tier);

        static string CustomerId(string c) => NodeId.Customer(c);
        static string ClusterId(string c, string cl) => NodeId.Cluster(c, cl);
        static string IndexId(string c, string cl, string i) => NodeId.Index(c, cl, i);

        foreach (var (customer, cluster, index) in estate.Nodes)
        {
            nodes.TryAdd(CustomerId(customer), new HierarchyNodeRow(CustomerId(customer), NodeKinds.Customer, customer, "",
                new() { ["tier"] = tiers.GetValueOrDefault(customer, "") }, at));
            nodes.TryAdd(ClusterId(customer, cluster), new HierarchyNodeRow(ClusterId(customer, cluster), NodeKinds.Cluster, cluster,
                CustomerId(customer), new(), at));
            if (index != "")
                nodes.TryAdd(IndexId(customer, cluster, index), new HierarchyNodeRow(IndexId(customer, cluster, index), NodeKinds.Index,
                    index, ClusterId(customer, cluster), new(), at));
        }

        // Closure rows: every node and resource to itself (depth 0) and to each ancestor.
        List<(string Id, string Type)> Chain(string customer, string cluster, string index)
        {
            var chain = new List<(string, string)>();
            if (index != "") chain.Add((IndexId(customer, cluster, index), NodeKinds.Index));
            if (cluster != "") chain.Add((ClusterId(customer, cluster), NodeKinds.Cluster));
            chain.Add((CustomerId(customer), NodeKinds.Customer));
            return chain;
        }

        foreach (var node in nodes.Values)
        {
            var parts = NodeId.Parse(node.NodeId).Parts;
            var chain = Chain(parts[0], parts.Count > 1 ? parts[1] : "", parts.Count > 2 ? parts[2] : "");
            for (var d = 0; d < chain.Count; d++)
                ancestry.Add(new AncestryRow(node.NodeId, node.NodeType, chain[d].Id, chain[d].Type, (byte)d, at));
        }
        foreach (var r in estate.Resources.Where(r => r.Placement.Customer != ""))
        {
            var chain = Chain(r.Placement.Customer, r.Placement.Cluster, r.Placement.IndexName);
            ancestry.Add(new AncestryRow(r.Id, r.Type, r.Id, r.Type, 0, at));
            for (var d = 0; d < chain.Count; d++)
                ancestry.Add(new AncestryRow(r.Id, r.Type, chain[d].Id, chain[d].Type, (byte)(d + 1), at));
        }
        return (nodes.Values.ToList(), ancestry);
    }
}
