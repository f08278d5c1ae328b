using Polo.Data.Analysis.Costs;
using Polo.Data.Analysis.Sql;
using Polo.Data.Vocabulary;

namespace Polo.Data.Analysis.Resources;

/// <summary>
/// Inventory over the latest snapshot of every resource (resource_snapshots FINAL) joined to its cost in a range;
/// detail adds tags, properties, the event timeline, daily cost and relationships.
/// </summary>
public sealed class ResourceQueries(IClickHouse ch) : IResourceQueries
{
    public const int MaxPageSize = 1000;

    public async Task<ResourcePage> SearchAsync(ResourceQuery query, CancellationToken ct = default)
    {
        if (query.Page < 0) throw new ArgumentException("Page must not be negative.");
        if (query.PageSize < 1 || query.PageSize > MaxPageSize) throw new ArgumentException($"Page size must be 1–{MaxPageSize}.");
        var orderBy = ResourceSort.OrderBy(query.SortBy, query.Direction);
        var p = new QueryParams
        {
            ["limit"] = query.PageSize,
            ["offset"] = (long)query.Page * query.PageSize,
        };
        var where = Conditions(query, p);
        var rows = ch.QueryAsync<ResourceRow>($"""
            {RowSelect(query.CostRange, query.CostType, p)}
            WHERE 1 = 1{where}
            ORDER BY {orderBy}
            LIMIT {"{limit:UInt32}"} OFFSET {"{offset:UInt64}"}
            """, p, ct);
        var total = ch.ScalarAsync<long>($"SELECT count() FROM ({Snapshots}) WHERE 1 = 1{where}", p, ct);
        return new ResourcePage(await rows.ConfigureAwait(false), await total.ConfigureAwait(false));
    }

    private sealed record SnapshotExtras(Dictionary<string, string> Tags, Dictionary<string, string> Properties, string Owner);
    private sealed record BillingRow(DateTime FirstBilledHour, DateTime LastBilledHour, string Service, Dictionary<string, string> BilledTags);
    private sealed record EventRow(DateTime EventTime, string EventId, string EventType, string Source, string Actor,
        Dictionary<string, string> Properties);
    private sealed record RelationRow(string Relation, string OtherId, string OtherType, byte Outgoing);

    public async Task<ResourceDetail?> DetailAsync(string resourceId, TimeRange costRange, CostType costType = CostType.Amortized,
        CancellationToken ct = default)
    {
        var p = new QueryParams { ["id"] = resourceId };
        var row = (await ch.QueryAsync<ResourceRow>($"{RowSelect(costRange, costType, p)} WHERE resource_id = {{id:String}}", p, ct)
            .ConfigureAwait(false)).FirstOrDefault();
        if (row is null) return null;

        var id = new QueryParams { ["id"] = resourceId };
        var extras = ch.QueryAsync<SnapshotExtras>(
            "SELECT tags, properties, toString(owner) AS owner FROM resource_snapshots FINAL WHERE resource_id = {id:String} ORDER BY observed_at DESC LIMIT 1", id, ct);
        var billing = ch.QueryAsync<BillingRow>("""
            SELECT first_billed_hour, last_billed_hour, toString(service) AS service, billed_tags
            FROM resource_billing FINAL WHERE resource_id = {id:String} ORDER BY last_billed_hour DESC LIMIT 1
            """, id, ct);
        var events = ch.QueryAsync<EventRow>("""
            SELECT event_time, event_id, toString(event_type) AS event_type, toString(source) AS source, actor, properties
            FROM resource_events WHERE resource_id = {id:String}
            ORDER BY event_time, event_id
            """, id, ct);
        var relations = ch.QueryAsync<RelationRow>("""
            SELECT toString(r.relation) AS relation, r.other_id AS other_id, ifNull(s.resource_type, '') AS other_type, r.outgoing AS outgoing
            FROM
            (
                SELECT relation, if(from_id = {id:String}, to_id, from_id) AS other_id, toUInt8(from_id = {id:String}) AS outgoing
                FROM resource_relationships FINAL
                WHERE (from_id = {id:String} OR to_id = {id:String}) AND is_deleted = 0
            ) AS r
            LEFT JOIN (SELECT resource_id, toString(any(resource_type)) AS resource_type FROM resource_snapshots GROUP BY resource_id) AS s
                ON s.resource_id = r.other_id
            ORDER BY relation, other_id
            SETTINGS join_use_nulls = 1
            """, id, ct);
        var daily = new CostQueries(ch).DailyAsync(costRange, new CostFilter(ResourceId: resourceId), costType, ct);

        var x = (await extras.ConfigureAwait(false)).Single();
        return new ResourceDetail(row, x.Tags, x.Properties,
            (await events.ConfigureAwait(false)).Select(e => new ResourceEvent(e.EventTime, e.EventId, e.EventType, e.Source, e.Actor, e.Properties)).ToList(),
            await daily.ConfigureAwait(false),
            (await relations.ConfigureAwait(false)).Select(r => new Relationship(r.Relation, r.OtherId, r.OtherType, r.Outgoing == 1)).ToList(),
            x.Owner,
            (await billing.ConfigureAwait(false)).Select(b => new ResourceBilling(b.FirstBilledHour, b.LastBilledHour, b.Service, b.BilledTags))
                .FirstOrDefault());
    }

    /// <summary>Latest snapshot per resource with string-typed columns (LowCardinality cast away).</summary>
    private const string Snapshots = """
        SELECT resource_id, name, toString(resource_type) AS resource_type, toString(account_id) AS account_id,
               toString(region) AS region, toString(state) AS state, toString(customer) AS customer, cluster, index_name,
               tags, created_at, deleted_at
        FROM resource_snapshots FINAL
        """;

    /// <summary>SELECT of ResourceRow columns: snapshots joined to cost in the range (all time when none is given).</summary>
    private static string RowSelect(TimeRange? costRange, CostType costType, QueryParams p)
    {
        string cost;
        if (costRange is null) cost = $"SELECT resource_id, sum({costType.Column()}) AS total_cost FROM cost_rollup_daily GROUP BY resource_id";
        else
        {
            var src = CostSource.For(costRange);
            cost = $"SELECT resource_id, sum({costType.Column()}) AS total_cost FROM {src.Table} WHERE {src.Between(costRange, p, "cr")} GROUP BY resource_id";
        }
        return $"""
            SELECT * FROM
            (
                SELECT s.resource_id AS resource_id, s.name AS name, s.resource_type AS resource_type, s.account_id AS account_id,
                       s.region AS region, s.state AS state, s.customer AS customer, s.cluster AS cluster, s.index_name AS index_name,
                       ifNull(c.total_cost, toDecimal128(0, 6)) AS cost, s.created_at AS created_at, s.deleted_at AS deleted_at,
                       s.tags AS tags
                FROM ({Snapshots}) AS s
                LEFT JOIN ({cost}) AS c ON c.resource_id = s.resource_id
                SETTINGS join_use_nulls = 1
            )
            """;
    }

    /// <summary>" AND …" conditions over the snapshot columns; values bound as parameters.</summary>
    private static string Conditions(ResourceQuery q, QueryParams p)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            p["q"] = q.Search.Trim();
            parts.Add("(positionCaseInsensitiveUTF8(resource_id, {q:String}) > 0 OR positionCaseInsensitiveUTF8(name, {q:String}) > 0"
                      + " OR arrayExists(t -> positionCaseInsensitiveUTF8(t, {q:String}) > 0, arrayConcat(mapKeys(tags), mapValues(tags))))");
        }
        if (!string.IsNullOrEmpty(q.ResourceType)) { p["rtype"] = q.ResourceType; parts.Add("resource_type = {rtype:String}"); }
        if (!string.IsNullOrEmpty(q.AccountId)) { p["account"] = q.AccountId; parts.Add("account_id = {account:String}"); }
        if (!string.IsNullOrEmpty(q.State)) { p["state"] = q.State; parts.Add("state = {state:String}"); }
        if (!string.IsNullOrEmpty(q.NodeId))
        {
            var kind = NodeId.Parse(q.NodeId).Kind;
            if (kind is not (NodeKinds.Customer or NodeKinds.Cluster or NodeKinds.Index or NodeKinds.Unassigned or NodeKinds.Account or NodeKinds.Role or NodeKinds.Region or NodeKinds.ResourceType or NodeKinds.Resource))
                throw new ArgumentException($"Resources cannot be filtered by a {kind} node.");
            parts.Add(CostFilterSql.NodeCondition(q.NodeId, p, "n"));
        }
        return string.Concat(parts.Select(c => " AND " + c));
    }
}
