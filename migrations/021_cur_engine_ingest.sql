-- CUR ingest through the engine (issue "CUR ingest through the engine"). Every CUR ledger line records the export it
-- came from (cur_export; '' = written before this migration, by the per-file ingest) and the commit that wrote it
-- (ingest_batch). Neither is part of the row identity: a billing period of an export is replaced as a whole, and a
-- commit interrupted by a crash is undone exactly by reversing what its batch wrote.
ALTER TABLE cost_hourly
    ADD COLUMN IF NOT EXISTS cur_export LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS ingest_batch String DEFAULT '';

-- The commit log of whole-period restatements: one 'started' row before a period's difference is appended, one
-- 'done' (or 'rolled_back') row after. A batch with only 'started' was interrupted; recovery reverses it.
-- fingerprint identifies the file set (names, sizes, times, mapping version) so an unchanged period is skipped.
CREATE TABLE IF NOT EXISTS cur_commits
(
    batch_id       String,
    export         String,
    billing_period Date,
    fingerprint    String,
    state          LowCardinality(String),
    files          UInt32 DEFAULT 0,
    lines          UInt64 DEFAULT 0,
    rows_written   UInt64 DEFAULT 0,
    min_hour       DateTime('UTC'),
    max_hour       DateTime('UTC'),
    at             DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (export, billing_period, batch_id, at);
