using Polo.Data.Tagging;
using Polo.Data.Vocabulary;

namespace Polo.Data.Inventory;

/// <summary>The statements of <see cref="BillInventory"/>. Parameters: run (this refresh's time), since (the last
/// refresh's), stopped_h.</summary>
internal static class BillInventorySql
{
    /// <summary>Billed facts per resource touched since the last refresh, written where they changed. Where the ledger
    /// carries no stamped place, the hierarchy keys are read from the billed tags by the one tag resolver's SQL form
    /// (<see cref="TagResolver.SqlValue"/>), exactly as the CUR ingest stamps them.</summary>
    public static string Billing(BillTagKeys keys) => $"""
        INSERT INTO resource_billing
        SELECT account_id, resource_id, resource_type, name, region, service, customer, cluster, index_name, tags,
               first_billed_hour, last_billed_hour, {"{run:DateTime64(3)}"}
        FROM
        (
            SELECT account_id, resource_id,
                   if(stamped_type != '', stamped_type, {BilledResourceTypes.Sql("resource_id", "service")}) AS resource_type,
                   {BilledResourceTypes.NameSql("resource_id", "tags")} AS name,
                   region, service, tags, first_billed_hour, last_billed_hour,
                   if(stamped_customer != '', stamped_customer, {TagResolver.SqlValue("tags", keys.Customer)}) AS customer,
                   if(stamped_customer != '', stamped_cluster, if(customer = '', '', {TagResolver.SqlValue("tags", keys.Cluster)})) AS cluster,
                   if(stamped_customer != '', stamped_index, if(cluster = '', '', {TagResolver.SqlValue("tags", keys.Index)})) AS index_name,
                   sipHash64(resource_type, name, region, service, customer, cluster, index_name,
                             toString(mapSort(tags)), first_billed_hour, last_billed_hour) AS fp
            FROM
            (
                SELECT toString(account_id) AS account_id, resource_id,
                       toString(topKWeighted(1)(region, w)[1]) AS region,
                       toString(topKWeighted(1)(service, w)[1]) AS service,
                       toString(topKWeighted(1)(resource_type, w)[1]) AS stamped_type,
                       min(hour) AS first_billed_hour, max(hour) AS last_billed_hour,
                       argMaxIf(billed_tags, hour, length(billed_tags) > 0) AS tags,
                       toString(argMaxIf(customer, hour, customer != '')) AS stamped_customer,
                       argMaxIf(cluster, hour, customer != '') AS stamped_cluster,
                       argMaxIf(index_name, hour, customer != '') AS stamped_index
                FROM
                (
                    SELECT account_id, resource_id, hour, region, service, resource_type, customer, cluster, index_name,
                           billed_tags, sum(cost) AS c, sum(amortized_cost) AS a, sum(usage_amount) AS u,
                           toUInt64((abs(c) + abs(a)) * 1000000) + 1 AS w
                    FROM cost_hourly
                    WHERE resource_id != ''
                      AND (account_id, resource_id) IN
                          (SELECT account_id, resource_id FROM cost_hourly
                           WHERE ingested_at >= {"{since:DateTime64(3)}"} AND resource_id != '')
                    GROUP BY account_id, resource_id, hour, region, service, resource_type, customer, cluster, index_name,
                             billed_tags
                    HAVING c != 0 OR a != 0 OR abs(u) > 1e-9
                )
                GROUP BY account_id, resource_id
            )
        )
        WHERE (account_id, resource_id, fp) NOT IN
            (SELECT toString(account_id), resource_id,
                    sipHash64(toString(resource_type), name, toString(region), toString(service), toString(customer),
                              cluster, index_name, toString(mapSort(billed_tags)), first_billed_hour, last_billed_hour)
             FROM resource_billing FINAL)
        """;

    /// <summary>Bill-owned snapshots for billed resources no resource API has seen, written where they changed.</summary>
    public static readonly string Snapshots = $$"""
        INSERT INTO resource_snapshots (resource_id, account_id, region, resource_type, name, state, customer, cluster,
                                        index_name, tags, properties, created_at, deleted_at, is_deleted, observed_at, owner)
        SELECT resource_id, account_id, region, resource_type, name, state, customer, cluster, index_name, tags,
               properties, created_at, deleted_at, is_deleted, {run:DateTime64(3)}, '{{InventoryOwner.Bill}}'
        FROM
        (
            SELECT b.resource_id AS resource_id, toString(b.account_id) AS account_id, toString(b.region) AS region,
                   toString(b.resource_type) AS resource_type, b.name AS name,
                   b.last_billed_hour < e.last_hour - toIntervalHour({stopped_h:Int64}) AS stopped,
                   if(stopped, '{{ResourceStates.NoLongerBilled}}', '{{ResourceStates.Billed}}') AS state,
                   toString(b.customer) AS customer, b.cluster AS cluster, b.index_name AS index_name,
                   b.billed_tags AS tags, map('service', toString(b.service)) AS properties,
                   toDateTime64(b.first_billed_hour, 3, 'UTC') AS created_at,
                   if(stopped, toDateTime64(b.last_billed_hour + INTERVAL 1 HOUR, 3, 'UTC'), NULL) AS deleted_at,
                   toUInt8(stopped) AS is_deleted,
                   sipHash64(resource_type, name, region, state, customer, cluster, index_name, toString(mapSort(tags)),
                             created_at, ifNull(toString(deleted_at), '')) AS fp
            FROM (SELECT * FROM resource_billing FINAL) AS b
            INNER JOIN (SELECT toString(account_id) AS account_id, max(hour) AS last_hour FROM cost_hourly GROUP BY account_id) AS e
                ON e.account_id = toString(b.account_id)
            WHERE (toString(b.account_id), b.resource_id) NOT IN
                (SELECT toString(account_id), resource_id FROM resource_snapshots FINAL WHERE owner != '{{InventoryOwner.Bill}}')
        )
        WHERE (account_id, resource_id, fp) NOT IN
            (SELECT toString(account_id), resource_id,
                    sipHash64(toString(resource_type), name, toString(region), toString(state), toString(customer),
                              cluster, index_name, toString(mapSort(tags)), created_at, ifNull(toString(deleted_at), ''))
             FROM resource_snapshots FINAL WHERE owner = '{{InventoryOwner.Bill}}')
        """;

    /// <summary>Bill-only resources written by this refresh lose their old closure rows (their place may have moved).</summary>
    public const string DropResourceClosure = $$"""
        DELETE FROM resource_ancestry WHERE descendant_id IN
            (SELECT resource_id FROM resource_snapshots WHERE owner = '{{InventoryOwner.Bill}}' AND observed_at = {run:DateTime64(3)})
        """;

    /// <summary>The place of a node or resource as (id, type, depth) chains, from its customer / cluster / index.</summary>
    private const string Chain = """
        arrayFilter(n -> n.1 != '', [
            (if(cluster != '' AND index_name != '', concat('index:', customer, '/', cluster, '/', index_name), ''), 'index'),
            (if(cluster != '', concat('cluster:', customer, '/', cluster), ''), 'cluster'),
            (concat('customer:', customer), 'customer')])
        """;

    /// <summary>Closure rows of the bill-only resources written by this refresh: itself at depth 0, then its nodes.</summary>
    public static readonly string ResourceClosure = $"""
        INSERT INTO resource_ancestry (descendant_id, descendant_type, ancestor_id, ancestor_type, depth, updated_at)
        SELECT resource_id, resource_type, a.1, a.2, toUInt8(a.3), {"{run:DateTime64(3)}"}
        FROM
        (
            SELECT resource_id, toString(resource_type) AS resource_type,
                   arrayJoin(arrayConcat([(resource_id, toString(resource_type), 0)],
                       arrayMap((n, i) -> (n.1, n.2, i), {Chain}, arrayEnumerate({Chain})))) AS a
            FROM resource_snapshots
            WHERE owner = '{InventoryOwner.Bill}' AND observed_at = {"{run:DateTime64(3)}"} AND customer != ''
        )
        """;

    /// <summary>Every place (customer, cluster, index) the bill names: resource_billing rows and ledger rows ingested since
    /// the last refresh that carry a customer.</summary>
    private const string Places = """
        SELECT DISTINCT toString(customer) AS customer, cluster, index_name FROM resource_billing FINAL WHERE customer != ''
        UNION DISTINCT
        SELECT DISTINCT toString(customer), cluster, index_name FROM cost_hourly
        WHERE ingested_at >= {since:DateTime64(3)} AND customer != ''
        """;

    /// <summary>Nodes of those places, as (node_id, node_type, name, parent_id), each with its own chain.</summary>
    private static readonly string PlaceNodes = $"""
        SELECT DISTINCT n.1 AS node_id, n.2 AS node_type, n.3 AS name, n.4 AS parent_id, n.5 AS chain
        FROM
        (
            SELECT arrayJoin([
                (concat('customer:', customer), 'customer', customer, '',
                    [(concat('customer:', customer), 'customer')]),
                (if(cluster = '', '', concat('cluster:', customer, '/', cluster)), 'cluster', cluster, concat('customer:', customer),
                    [(concat('cluster:', customer, '/', cluster), 'cluster'), (concat('customer:', customer), 'customer')]),
                (if(cluster = '' OR index_name = '', '', concat('index:', customer, '/', cluster, '/', index_name)), 'index',
                    index_name, concat('cluster:', customer, '/', cluster), {Chain})]) AS n
            FROM ({Places})
        )
        WHERE node_id != '' AND node_id NOT IN (SELECT node_id FROM hierarchy_nodes)
        """;

    /// <summary>Closure rows of the nodes about to be added (written first: a node is added once its closure is).</summary>
    public static readonly string NodeClosure = $"""
        INSERT INTO resource_ancestry (descendant_id, descendant_type, ancestor_id, ancestor_type, depth, updated_at)
        SELECT node_id, node_type, a.1.1, a.1.2, toUInt8(a.2 - 1), {"{run:DateTime64(3)}"}
        FROM ({PlaceNodes})
        ARRAY JOIN arrayZip(chain, arrayEnumerate(chain)) AS a
        """;

    public static readonly string Nodes = $"""
        INSERT INTO hierarchy_nodes (node_id, node_type, name, parent_id, attributes, updated_at)
        SELECT node_id, node_type, name, parent_id, map(), {"{run:DateTime64(3)}"} FROM ({PlaceNodes})
        """;
}
