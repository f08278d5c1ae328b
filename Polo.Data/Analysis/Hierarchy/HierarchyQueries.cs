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
        CancellationToken ct = default) =>
        (await ChildrenPageAsync(parentId, range, costType, int.MaxValue, ct).ConfigureAwait(false)).Rows;

    public async Task<HierarchyChildrenPage> ChildrenPageAsync(string parentId, TimeRange range, CostType costType, int limit,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        NodeId? parent = null;
        if (parentId != "" && !NodeId.TryParse(parentId, out parent)) return HierarchyChildrenPage.Empty; // no node has it as parent
        var level = parent is null ? Grouping.Customer : LevelBelow(parent.Kind);
        var within = parent is null ? null : parentId;
        // The nodes and their totals are read at once; the daily trends only for the nodes shown.
        var nodesTask = ch.QueryAsync<NodeRow>($"{NodeSelect} WHERE n.parent_id = {{parent:String}} SETTINGS join_use_nulls = 1",
            new QueryParams { ["parent"] = parentId }, ct);
        var totalsTask = TotalsAsync(level, within, range, costType, ct);
        var nodes = await nodesTask.ConfigureAwait(false);
        var totals = await totalsTask.ConfigureAwait(false);
        if (nodes.Count == 0) return HierarchyChildrenPage.Empty;
        var shown = nodes
            .Select(n => (Node: n, Total: totals.GetValueOrDefault(n.NodeId)))
            .OrderByDescending(n => n.Total?.CurrentCost ?? 0).ThenBy(n => n.Node.NodeId, StringComparer.Ordinal)
            .Take(limit).ToList();
        var trends = await TrendsAsync(level, within, range, costType, shown.Count == nodes.Count ? null : shown.Select(n => n.Node.NodeId).ToList(), ct)
            .ConfigureAwait(false);
        var days = Buckets.Days(range);
        return new HierarchyChildrenPage(shown.Select(n => Cost(n.Node, n.Total, trends.GetValueOrDefault(n.Node.NodeId), days)).ToList(), nodes.Count);
    }

    public async Task<HierarchyNodeCost?> NodeAsync(string nodeId, TimeRange range, CostType costType = CostType.Amortized,
        CancellationToken ct = default)
    {
        var node = await LoadAsync(nodeId, ct).ConfigureAwait(false);
        if (node is null) return null;
        return await CostOfAsync(node, range, costType, ct).ConfigureAwait(false);
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
            path.Add(await CostOfAsync(node, range, costType, ct).ConfigureAwait(false));
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

    /// <summary>One node's cost: its own level, inside itself.</summary>
    private async Task<HierarchyNodeCost> CostOfAsync(NodeRow node, TimeRange range, CostType costType, CancellationToken ct)
    {
        var level = LevelOf(node.NodeType);
        var totals = TotalsAsync(level, node.NodeId, range, costType, ct);
        var trends = TrendsAsync(level, node.NodeId, range, costType, null, ct);
        return Cost(node, (await totals.ConfigureAwait(false)).GetValueOrDefault(node.NodeId),
            (await trends.ConfigureAwait(false)).GetValueOrDefault(node.NodeId), Buckets.Days(range));
    }

    private sealed record KeyTotal(string Key, decimal CurrentCost, decimal PreviousCost);

    /// <summary>One node id's daily cost in the range: day offsets from the range's first day and the cost of each (an
    /// offset can repeat when several raw groups share the node id).</summary>
    private sealed record KeyTrend(string Key, int[] Days, decimal[] Costs);

    /// <summary>The raw columns a level's node id is made of: the scans group by these (LowCardinality and plain
    /// strings) and build the node id once per group, not once per cost row. Several raw groups can share one id (every
    /// untagged row is 'unassigned'), so the outer query merges by id.</summary>
    private static string Columns(Grouping level) => level.Kind switch
    {
        GroupingKind.Customer => "customer",
        GroupingKind.Cluster => "customer, cluster",
        _ => "customer, cluster, index_name",
    };

    /// <summary>Cost in the range and in the previous range per node id of one level, optionally inside one node.</summary>
    private async Task<Dictionary<string, KeyTotal>> TotalsAsync(Grouping level, string? within, TimeRange range, CostType costType,
        CancellationToken ct)
    {
        var previous = range.Previous();
        var src = CostSource.For(range, previous);
        var cost = costType.Column();
        var p = new QueryParams();
        var inside = within is null ? "" : " AND " + CostFilterSql.NodeCondition(within, p, "w");
        var current = src.Between(range, p, "r");
        var before = src.Between(previous, p, "p");
        var rows = await ch.QueryAsync<KeyTotal>($"""
            SELECT key, sum(c) AS current_cost, sum(pc) AS previous_cost
            FROM (
                SELECT {GroupingSql.For(level).Key} AS key, sumIf({cost}, {current}) AS c, sumIf({cost}, {before}) AS pc
                FROM {src.Table} WHERE ({current} OR {before}){inside}
                GROUP BY {Columns(level)})
            GROUP BY key
            """, p, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key);
    }

    /// <summary>Daily cost in the range per node id of one level, optionally inside one node, and only for
    /// <paramref name="only"/> when given (its customers filter the scan, its ids the groups).</summary>
    private async Task<Dictionary<string, KeyTrend>> TrendsAsync(Grouping level, string? within, TimeRange range, CostType costType,
        IReadOnlyList<string>? only, CancellationToken ct)
    {
        var src = CostSource.For(range);
        var p = new QueryParams();
        var inside = within is null ? "" : " AND " + CostFilterSql.NodeCondition(within, p, "w");
        var current = src.Between(range, p, "r");
        var onlyRows = "";
        var onlyKeys = "";
        if (only is not null)
        {
            p["only_customers"] = only.Select(id => NodeId.TryParse(id, out var n) && n.Kind is NodeKinds.Customer or NodeKinds.Cluster or NodeKinds.Index
                ? n.Parts[0] : "").Distinct().ToArray();
            p["only_keys"] = only.ToArray();
            onlyRows = " AND customer IN (SELECT arrayJoin({only_customers:Array(String)}))";
            onlyKeys = " WHERE key IN (SELECT arrayJoin({only_keys:Array(String)}))";
        }
        var dayNumber = $"toInt32(toRelativeDayNum({src.TimeColumn}) - toRelativeDayNum({{r_s:{(src.Daily ? "Date" : "DateTime")}}}))";
        var rows = await ch.QueryAsync<KeyTrend>($"""
            SELECT key, groupArray(day_number) AS days, groupArray(c) AS costs
            FROM (
                SELECT {GroupingSql.For(level).Key} AS key,
                       {dayNumber} AS day_number,
                       sum({costType.Column()}) AS c
                FROM {src.Table} WHERE {current}{inside}{onlyRows}
                GROUP BY {Columns(level)}, day_number)
            {onlyKeys}
            GROUP BY key
            """, p, ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key);
    }

    private static HierarchyNodeCost Cost(NodeRow n, KeyTotal? total, KeyTrend? trend, List<DateTime> days)
    {
        var daily = new Dictionary<DateTime, decimal>();
        for (var i = 0; trend is not null && i < trend.Days.Length; i++)
        {
            if (trend.Days[i] < 0 || trend.Days[i] >= days.Count) continue;
            var day = days[trend.Days[i]];
            daily[day] = daily.GetValueOrDefault(day) + trend.Costs[i];
        }
        return new HierarchyNodeCost(n.NodeId, n.NodeType, n.Name, n.ParentId, total?.CurrentCost ?? 0, total?.PreviousCost ?? 0,
            (int)n.ChildCount, Buckets.Fill(days, daily));
    }
}
