-- Delivery attempts (issue 14): one row per try of an outbox message (migration 053), with its outcome, so the history
-- page shows failures and retries. Append-only.
CREATE TABLE IF NOT EXISTS notification_attempts
(
    message_id  String,
    attempt     UInt16,
    at          DateTime64(3, 'UTC'),
    outcome     LowCardinality(String),   -- delivered | failed | resent_after_crash | uncertain
    error       String,
    duration_ms UInt32
)
ENGINE = MergeTree
ORDER BY (message_id, at);
