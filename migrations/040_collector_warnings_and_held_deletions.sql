-- What a collector run noticed and handled without failing (issue 11): a resource skipped for an unreadable field,
-- a tag cut to AWS's length limits, an id listed twice, a listing that failed while the other types landed, a
-- deletion held back. One row per warning, with the run and batch it belongs to; /collectors shows the latest batch's.
CREATE TABLE IF NOT EXISTS collector_warnings
(
    run_id        String,
    batch_id      String,
    collector     LowCardinality(String),
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    kind          LowCardinality(String),
    resource_type LowCardinality(String),
    resource_id   String,
    message       String,
    observed_at   DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (collector, batch_id, account_id, region, kind, resource_id)
TTL toDateTime(observed_at) + INTERVAL 90 DAY;

-- The deletion safety valve: a poll that would delete more than the configured share of an account/region's
-- resources of one type is held here instead of applied. hold_id hashes (account, region, type, the sorted ids to
-- delete), so the same listing is held once. status: held → confirmed (by an operator) → applied, or superseded
-- when a later poll proposes something else. Replaced by updated_at; read with FINAL.
CREATE TABLE IF NOT EXISTS held_deletions
(
    hold_id        String,
    collector      LowCardinality(String),
    account_id     LowCardinality(String),
    region         LowCardinality(String),
    resource_type  LowCardinality(String),
    resource_ids   Array(String),
    stored_count   UInt32,
    status         LowCardinality(String),
    held_at        DateTime64(3, 'UTC'),
    decided_by     String DEFAULT '',
    updated_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (account_id, region, resource_type, hold_id);
