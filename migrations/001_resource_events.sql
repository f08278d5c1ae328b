-- Every change to every resource, as one append-only stream with a unified envelope.
-- event_id is deterministic per source event, so ingest can skip what it already holds (idempotent collectors).
-- Identity columns (customer / cluster / index_name) are stamped at ingest from tags, so the
-- hierarchy question "which customer did this?" needs no join.
CREATE TABLE IF NOT EXISTS resource_events
(
    event_time    DateTime64(3, 'UTC'),
    event_id      String,
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    resource_id   String,
    resource_type LowCardinality(String),
    event_type    LowCardinality(String),
    source        LowCardinality(String),
    actor         String DEFAULT '',
    customer      LowCardinality(String) DEFAULT '',
    cluster       String DEFAULT '',
    index_name    String DEFAULT '',
    properties    Map(String, String),
    ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (account_id, resource_id, event_time, event_id);
