-- Notification outbox (issues 13 and 14): a message is stored here BEFORE it is sent and marked once delivered, so a
-- crash never loses one and resends one at most once. One row per version of a message (message_id = alert key |
-- channel, deterministic); the newest version wins (ReplacingMergeTree by version; readers take LIMIT 1 BY).
-- status: pending (stored, not tried) | sending (claimed; a crash leaves it here) | retrying (failed, next try at
-- next_attempt_at) | delivered | failed (gave up after the last retry) | cooldown (held back, never sent) |
-- uncertain (crashed again during its one resend after a crash; not sent again).
CREATE TABLE IF NOT EXISTS notification_outbox
(
    message_id      String,
    alert_key       String,
    channel         LowCardinality(String),
    recipient       String,
    kind            LowCardinality(String),
    severity        LowCardinality(String),
    series_key      String,
    title           String,
    link            String,
    alert_json      String,
    status          LowCardinality(String),
    attempts        UInt16,
    crash_resends   UInt8,
    next_attempt_at DateTime64(3, 'UTC'),
    error           String,
    created_at      DateTime64(3, 'UTC'),
    version         DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY message_id;

-- What migration 052 recorded as sent or held back stays so: those alerts are never sent again after the upgrade.
INSERT INTO notification_outbox (message_id, alert_key, channel, recipient, kind, severity, series_key, title, link, alert_json,
                                 status, attempts, crash_resends, next_attempt_at, error, created_at, version)
SELECT concat(alert_key, '|', channel), alert_key, channel, '', if(startsWith(alert_key, 'anomaly|'), 'anomaly', 'violation'),
       '', series_key, alert_key, '', '', if(outcome = 'sent', 'delivered', 'cooldown'), if(outcome = 'sent', 1, 0), 0,
       at, '', at, at
FROM notifications_sent FINAL;
