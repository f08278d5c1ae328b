-- One row per (collector, account, region) run. A run is written twice with the same run_id: first 'running', then
-- 'ok' or 'failed'; the newer row (updated_at) replaces the older, so read with FINAL.
-- batch_id groups the units of one trigger (a scheduled fire or a "run now").
CREATE TABLE IF NOT EXISTS collector_runs
(
    run_id        String,
    batch_id      String,
    collector     LowCardinality(String),
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    started_at    DateTime64(3, 'UTC'),
    finished_at   Nullable(DateTime64(3, 'UTC')),
    duration_ms   UInt64 DEFAULT 0,
    rows_written  UInt64 DEFAULT 0,
    status        LowCardinality(String),
    error         String DEFAULT '',
    trigger       LowCardinality(String),
    updated_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (collector, account_id, region, run_id);
