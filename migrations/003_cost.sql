-- Hourly cost per resource and usage type. The table is a ledger: a restated line is written as the
-- difference to what is already held, so sum(cost) is always the truth and the daily rollup stays exact.
CREATE TABLE IF NOT EXISTS cost_hourly
(
    hour          DateTime('UTC'),
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    service       LowCardinality(String),
    usage_type    LowCardinality(String),
    resource_id   String,
    resource_type LowCardinality(String),
    customer      LowCardinality(String) DEFAULT '',
    cluster       String DEFAULT '',
    index_name    String DEFAULT '',
    cost          Decimal(18, 6),
    usage_amount  Float64 DEFAULT 0,
    source        LowCardinality(String),
    ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, account_id, service, resource_id);

CREATE TABLE IF NOT EXISTS cost_rollup_daily
(
    day           Date,
    account_id    LowCardinality(String),
    region        LowCardinality(String),
    service       LowCardinality(String),
    usage_type    LowCardinality(String),
    resource_id   String,
    resource_type LowCardinality(String),
    customer      LowCardinality(String),
    cluster       String,
    index_name    String,
    cost          Decimal(18, 6),
    usage_amount  Float64
)
ENGINE = SummingMergeTree((cost, usage_amount))
PARTITION BY toYYYYMM(day)
ORDER BY (day, account_id, service, usage_type, resource_id, customer, cluster, index_name, region, resource_type);

CREATE MATERIALIZED VIEW IF NOT EXISTS cost_rollup_daily_mv TO cost_rollup_daily AS
SELECT
    toDate(hour)      AS day,
    account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
    sum(cost)         AS cost,
    sum(usage_amount) AS usage_amount
FROM cost_hourly
GROUP BY day, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name;
