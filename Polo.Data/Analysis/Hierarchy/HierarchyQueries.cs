using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Sql;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Hierarchy;

/// <summary>
/// Customer → cluster → index navigation. Nodes come from hierarchy_nodes (FINAL); their cost from the cost tables'
/// stamped customer/cluster/index_name columns, grouped to the node ids of the level asked for.
/// </summary>
public sealed class HierarchyQueries(IClickHouse ch) : IHierarchyQueries
{
    private const int MaxDepth = 8;

    private sealed record NodeRow(string NodeId, string NodeType, string Name, string ParentId, long ChildCount);

    private const string NodeSelect = """
        SELECT n.node_id AS node_id, toString(n.node_type) AS node_type, n.name AS name, n.parent_id AS parent_id,
               ifNull(c.child_count, 0) AS child_count
        FROM (SELECT node_id, node_type, name, parent_id FROM hierarchy_nodes FINAL) AS n
        LEFT JOIN (SELECT parent_id, count() AS child_count FROM hierarchy_nodes FINAL GROUP BY parent_id) AS c
            ON c.parent_id = n.node_id
        """;

    public async Task<IReadOnlyList<HierarchyNodeCost>> ChildrenAsync(string parentId, TimeRange range, CostType costType = CostType.Amortized,
        CancellationToken ct = default)
    {
        var nodes = await ch.QueryAsync<NodeRow>($"{NodeSelect} WHERE n.parent_id = {{parent:String}} SETTINGS join_use_nulls = 1",
            new QueryParams { ["parent"] = parentId }, ct).ConfigureAwait(false);
        if (nodes.Count == 0) return [];
        var level = parentId == "" ? Grouping.Customer : LevelBelow(NodeId.Parse(parentId).Kind);
        var costs = await CostsAsync(level, parentId == "" ? null : parentId, range, costType, ct).ConfigureAwait(false);
        return nodes.Select(n => costs.For(n)).OrderByDescending(n => n.Cost).ThenBy(n => n.NodeId).ToList();
    }

    public async Task<HierarchyNodeCost?> NodeAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized,
        CancellationToken ct = default)
    {
        var node = await LoadAsync(nodeId, ct).ConfigureAwait(false);
        if (node is null) return null;
        var costs = await CostsAsync(LevelOf(node.NodeType), nodeId, range, costType, ct).ConfigureAwait(false);
        return costs.For(node);
    }

    public async Task<IReadOnlyList<HierarchyNodeCost>> PathAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized,
        CancellationToken ct = default)
    {
        var chain = new List<NodeRow>();
        for (var id = nodeId; id != "" && chain.Count < MaxDepth;)
        {
            var node = await LoadAsync(id, ct).ConfigureAwait(false);
            if (node is null) break;
            chain.Add(node);
            id = node.ParentId;
        }
        chain.Reverse();
        var path = new List<HierarchyNodeCost>();
        foreach (var node in chain)
        {
            var costs = await CostsAsync(LevelOf(node.NodeType), node.NodeId, range, costType, ct).ConfigureAwait(false);
            path.Add(costs.For(node));
        }
        return path;
    }

    private async Task<NodeRow?> LoadAsync(string nodeId, CancellationToken ct) =>
        (await ch.QueryAsync<NodeRow>($"{NodeSelect} WHERE n.node_id = {{id:String}} SETTINGS join_use_nulls = 1",
            new QueryParams { ["id"] = nodeId }, ct).ConfigureAwait(false)).SingleOrDefault();

    private static Grouping LevelOf(string nodeType) => nodeType switch
    {
        NodeKinds.Customer => Grouping.Customer,
        NodeKinds.Cluster => Grouping.Cluster,
        NodeKinds.Index => Grouping.Index,
        _ => throw new ArgumentException($"Unknown hierarchy node type '{nodeType}'."),
    };

    private static Grouping LevelBelow(string kind) => kind switch
    {
        NodeKinds.Customer => Grouping.Cluster,
        NodeKinds.Cluster => Grouping.Index,
        _ => Grouping.Index,
    };

    private sealed record KeyCost(string Key, decimal CurrentCost, decimal PreviousCost);
    private sealed record KeyPoint(string Key, DateTime Bucket, decimal Cost);

    /// <summary>Cost, previous cost and daily trend per node id of one level, optionally inside one node.</summary>
    private async Task<LevelCosts> CostsAsync(Grouping level, string? within, TimeRange range, CostType costType,
        CancellationToken ct)
    {
        var previous = range.Previous();
        var src = CostSource.For(range, previous);
        var key = GroupingSql.For(level).Key;
        var cost = costType.Column();
        var p = new QueryParams();
        var inside = within is null ? "" : " AND " + CostFilterSql.NodeCondition(within, p, "w");
        var current = src.Between(range, p, "r");
        var before = src.Between(previous, p, "p");
        var bucket = src.Daily ? "toDateTime(day, 'UTC')" : "toStartOfDay(hour)";
        var totals = ch.QueryAsync<KeyCost>($"""
            SELECT {key} AS key, sumIf({cost}, {current}) AS current_cost, sumIf({cost}, {before}) AS previous_cost
            FROM {src.Table} WHERE ({current} OR {before}){inside}
            GROUP BY key
            """, p, ct);
        var trend = ch.QueryAsync<KeyPoint>($"""
            SELECT {key} AS key, {bucket} AS bucket, sum({cost}) AS cost
            FROM {src.Table} WHERE {current}{inside}
            GROUP BY key, bucket
            """, p, ct);
        return new LevelCosts((await totals.ConfigureAwait(false)).ToDictionary(k => k.Key),
            (await trend.ConfigureAwait(false)).ToLookup(t => t.Key), Buckets.Days(range));
    }

    private sealed record LevelCosts(Dictionary<string, KeyCost> Totals, ILookup<string, KeyPoint> Trend, List<DateTime> Days)
    {
        public HierarchyNodeCost For(NodeRow n)
        {
            var t = Totals.GetValueOrDefault(n.NodeId);
            var trend = Buckets.Fill(Days, Trend[n.NodeId].GroupBy(p => p.Bucket).ToDictionary(g => g.Key, g => g.Sum(p => p.Cost)));
            return new HierarchyNodeCost(n.NodeId, n.NodeType, n.Name, n.ParentId, t?.CurrentCost ?? 0, t?.PreviousCost ?? 0,
                (int)n.ChildCount, trend);
        }
    }
}
