-- Bill-only resources are first-class (issue "Explain a real AWS bill", deliverable 7).
-- Who owns an inventory row: 'inventory' (a resource API saw the resource: the ec2-config collector, or the demo
-- generator standing in for it) or 'bill' (the resource is known only from the bill). A poll reads only rows it owns,
-- so it never writes 'deleted' for a bill-only resource; once a poll sees a resource, its row takes over and the bill
-- refresh never writes that resource again.
ALTER TABLE resource_snapshots
    ADD COLUMN IF NOT EXISTS owner LowCardinality(String) DEFAULT 'inventory';

-- What the bill says about every resource id it names (whoever owns the inventory row): one row per account and
-- resource, rewritten by the bill refresh (Polo.Data/Inventory/BillInventory) after each CUR run.
CREATE TABLE IF NOT EXISTS resource_billing
(
    account_id        LowCardinality(String),
    resource_id       String,
    resource_type     LowCardinality(String),
    name              String,
    region            LowCardinality(String),
    service           LowCardinality(String),
    customer          LowCardinality(String),
    cluster           String,
    index_name        String,
    billed_tags       Map(String, String),
    first_billed_hour DateTime('UTC'),
    last_billed_hour  DateTime('UTC'),
    refreshed_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(refreshed_at)
ORDER BY (account_id, resource_id);
