-- Anomalies (issue 13). Detection runs in SQL over cost_rollup_daily on every read; what is stored is what people and
-- the notifier add: feedback on an anomaly (newest version per anomaly wins) and, later, the sent state of alerts.
-- anomaly_id = dimension|key|day (deterministic, so feedback and sent state survive re-detection and restarts).
CREATE TABLE IF NOT EXISTS anomaly_feedback
(
    anomaly_id  String,
    dimension   LowCardinality(String),   -- total | account | service | customer | cluster | usage_type
    series_key  String,
    day         Date,
    verdict     LowCardinality(String),   -- expected | planned | not_anomaly | cleared
    note        String,
    changed_by  String,
    version     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY anomaly_id;
