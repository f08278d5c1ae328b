-- A numeric identity for the per-resource daily facts (issue "Real-size estates"): the decomposition's scan groups
-- ~100k resources and carried nine identity strings through that GROUP BY (any() of each, then regrouped by them),
-- most of its time. With identity_key it carries one UInt64 and looks the strings up afterwards, once per distinct key.
--   identity_key  cityHash64 of service, usage type, customer, cluster, index, line item type, account, region and
--                 resource type (line_key's six plus the placement). MATERIALIZED: every insert computes it — the facts'
--                 view over the hourly ledger, ResourceDailyFacts.ReconcileAsync and any other — so it always matches
--                 the row's strings; existing rows get it by the MATERIALIZE COLUMN below.
--   cost_line_identity  identity_key → the nine strings, one row per key (ReplacingMergeTree: duplicates from
--                 separate inserts carry the same strings and merge away; readers take any one row per key). Kept by a
--                 view on cost_resource_daily, filled here for the rows already there.
ALTER TABLE cost_resource_daily ADD COLUMN IF NOT EXISTS identity_key UInt64
    MATERIALIZED cityHash64(service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type);

ALTER TABLE cost_resource_daily MATERIALIZE COLUMN identity_key SETTINGS mutations_sync = 2;

CREATE TABLE IF NOT EXISTS cost_line_identity
(
    identity_key   UInt64,
    service        LowCardinality(String),
    usage_type     LowCardinality(String),
    customer       LowCardinality(String),
    cluster        String,
    index_name     String,
    line_item_type LowCardinality(String),
    account_id     LowCardinality(String),
    region         LowCardinality(String),
    resource_type  LowCardinality(String)
)
ENGINE = ReplacingMergeTree
ORDER BY identity_key;

CREATE MATERIALIZED VIEW IF NOT EXISTS cost_line_identity_mv TO cost_line_identity AS
SELECT DISTINCT
    cityHash64(service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type) AS identity_key,
    service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type
FROM cost_resource_daily;

INSERT INTO cost_line_identity
SELECT DISTINCT
    cityHash64(service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type) AS identity_key,
    service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type
FROM cost_resource_daily;
