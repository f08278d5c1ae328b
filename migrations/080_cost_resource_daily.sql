-- Per-resource daily facts for the delta decomposition at scale (issue "Real-size estates"): one row per resource ×
-- cost line × day, kept by a materialized view over the hourly ledger. The daily rollup is ordered by day; this table is
-- ordered by resource, so "which resources moved between two windows" is one GROUP BY resource_id as cheap as a bare
-- cost scan, and the lines of the resources that moved are read through the primary key.
--   line_key       cityHash64 of the line's identity (service, usage type, customer, cluster, index, line item type):
--                  min(line_key) = max(line_key) tells a resource billed on one line from one billed on several
--   running_hours  usage amounts whose pricing unit is hours (never hours with cost)
--   first_billed_hour / last_billed_hour  the day's first and last billed hour (the rollup only knows the day)
-- Sums are exact: the ledger holds restatements as differences, and every measure is a sum.
CREATE TABLE IF NOT EXISTS cost_resource_daily
(
    resource_id        String,
    line_key           UInt64,
    service            LowCardinality(String),
    usage_type         LowCardinality(String),
    customer           LowCardinality(String),
    cluster            String,
    index_name         String,
    line_item_type     LowCardinality(String),
    account_id         LowCardinality(String),
    region             LowCardinality(String),
    resource_type      LowCardinality(String),
    billing_period     Date,
    day                Date,
    pricing_unit       SimpleAggregateFunction(max, LowCardinality(String)),
    has_commitment     SimpleAggregateFunction(max, UInt8),
    cost               SimpleAggregateFunction(sumWithOverflow, Decimal(18, 6)),
    amortized_cost     SimpleAggregateFunction(sumWithOverflow, Decimal(18, 6)),
    net_amortized_cost SimpleAggregateFunction(sumWithOverflow, Decimal(18, 6)),
    usage_amount       SimpleAggregateFunction(sum, Float64),
    running_hours      SimpleAggregateFunction(sum, Float64),
    first_billed_hour  SimpleAggregateFunction(min, DateTime('UTC')),
    last_billed_hour   SimpleAggregateFunction(max, DateTime('UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (resource_id, line_key, service, usage_type, customer, cluster, index_name, line_item_type, account_id, region,
          resource_type, billing_period, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS cost_resource_daily_mv TO cost_resource_daily AS
SELECT
    resource_id,
    cityHash64(service, usage_type, customer, cluster, index_name, line_item_type) AS line_key,
    service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type,
    billing_period,
    toDate(hour)                                               AS day,
    max(unit)                                                  AS pricing_unit,
    max(toUInt8(arn != ''))                                    AS has_commitment,
    sumWithOverflow(c)                                         AS cost,
    sumWithOverflow(ac)                                        AS amortized_cost,
    sumWithOverflow(nac)                                       AS net_amortized_cost,
    sum(u)                                                     AS usage_amount,
    sumIf(u, lower(unit) IN ('hrs', 'hr', 'hours', 'hour'))    AS running_hours,
    min(hour)                                                  AS first_billed_hour,
    max(hour)                                                  AS last_billed_hour
FROM
(
    SELECT resource_id, service, usage_type, customer, cluster, index_name, line_item_type, account_id, region,
           resource_type, billing_period, hour, pricing_unit AS unit, commitment_arn AS arn, cost AS c,
           amortized_cost AS ac, net_amortized_cost AS nac, usage_amount AS u
    FROM cost_hourly
)
GROUP BY resource_id, line_key, service, usage_type, customer, cluster, index_name, line_item_type, account_id, region,
         resource_type, billing_period, day;

INSERT INTO cost_resource_daily
SELECT
    resource_id,
    cityHash64(service, usage_type, customer, cluster, index_name, line_item_type) AS line_key,
    service, usage_type, customer, cluster, index_name, line_item_type, account_id, region, resource_type,
    billing_period, toDate(hour) AS day,
    max(unit), max(toUInt8(arn != '')), sumWithOverflow(c), sumWithOverflow(ac), sumWithOverflow(nac), sum(u),
    sumIf(u, lower(unit) IN ('hrs', 'hr', 'hours', 'hour')), min(hour), max(hour)
FROM
(
    SELECT resource_id, service, usage_type, customer, cluster, index_name, line_item_type, account_id, region,
           resource_type, billing_period, hour, pricing_unit AS unit, commitment_arn AS arn, cost AS c,
           amortized_cost AS ac, net_amortized_cost AS nac, usage_amount AS u
    FROM cost_hourly
)
GROUP BY resource_id, line_key, service, usage_type, customer, cluster, index_name, line_item_type, account_id, region,
         resource_type, billing_period, day;
