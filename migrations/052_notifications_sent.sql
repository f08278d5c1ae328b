-- Alert sent state (issue 13): one row per alert (an anomaly or a rule violation) and channel once it was delivered, or
-- held back by the cooldown. The notifier sends an alert only when no row exists for it, so each alert is sent exactly
-- once, also across restarts.
CREATE TABLE IF NOT EXISTS notifications_sent
(
    alert_key   String,                  -- anomaly id, or rule id|violation day
    channel     LowCardinality(String),  -- e.g. slack:<route name>
    series_key  String,                  -- what the cooldown is counted on (dimension|key for anomalies)
    outcome     LowCardinality(String),  -- sent | cooldown
    at          DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(at)
ORDER BY (alert_key, channel);
