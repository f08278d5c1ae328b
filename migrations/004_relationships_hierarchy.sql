-- Edges between resources: volume attached_to instance, snapshot snapshot_of volume, eni interface_of instance/nat/elb.
CREATE TABLE IF NOT EXISTS resource_relationships
(
    account_id  LowCardinality(String),
    from_id     String,
    relation    LowCardinality(String),
    to_id       String,
    valid_from  DateTime64(3, 'UTC'),
    is_deleted  UInt8 DEFAULT 0,
    observed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(observed_at)
ORDER BY (account_id, from_id, relation, to_id);

-- Nodes of the attribution hierarchy: customer -> cluster -> index (ids like 'customer:acme', 'cluster:acme/prod').
CREATE TABLE IF NOT EXISTS hierarchy_nodes
(
    node_id    String,
    node_type  LowCardinality(String),
    name       String,
    parent_id  String DEFAULT '',
    attributes Map(String, String),
    updated_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY node_id;

-- Closure table: one row per (descendant, ancestor) pair, depth 0 = itself. Descendants are nodes and resources.
CREATE TABLE IF NOT EXISTS resource_ancestry
(
    descendant_id   String,
    descendant_type LowCardinality(String),
    ancestor_id     String,
    ancestor_type   LowCardinality(String),
    depth           UInt8,
    updated_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (ancestor_id, descendant_id);
