-- Latest known state of every resource; a newer observation replaces an older one.
CREATE TABLE IF NOT EXISTS resource_snapshots
(
    resource_id   String,
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    resource_type LowCardinality(String),
    name          String DEFAULT '',
    state         LowCardinality(String),
    customer      LowCardinality(String) DEFAULT '',
    cluster       String DEFAULT '',
    index_name    String DEFAULT '',
    tags          Map(String, String),
    properties    Map(String, String),
    created_at    DateTime64(3, 'UTC'),
    deleted_at    Nullable(DateTime64(3, 'UTC')),
    is_deleted    UInt8 DEFAULT 0,
    observed_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(observed_at)
ORDER BY (account_id, resource_id);
