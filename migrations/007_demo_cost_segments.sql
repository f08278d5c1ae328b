-- How the demo estate's hourly cost was built: one row per (resource, usage type, interval) at a flat hourly rate,
-- expanded to cost_hourly in SQL. pattern 1 = diurnal usage (24-hour periodic, averages to the flat rate per day).
CREATE TABLE IF NOT EXISTS demo_cost_segments
(
    resource_id   String,
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    service       LowCardinality(String),
    usage_type    LowCardinality(String),
    resource_type LowCardinality(String),
    customer      LowCardinality(String),
    cluster       String,
    index_name    String,
    start_hour    DateTime('UTC'),
    end_hour      DateTime('UTC'),
    hourly_cost   Decimal(18, 6),
    hourly_usage  Float64,
    pattern       UInt8
)
ENGINE = MergeTree
ORDER BY (resource_id, start_hour);
