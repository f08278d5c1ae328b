-- The bill's own mechanics on every ledger line (issue "CUR ingest through the engine"). A CUR line keeps its line
-- item type, pricing unit, currency, commitment ARN, billing period and tags as billed, plus the raw measures that
-- explain a bill. Optional measures are NULL where the source has no such column (never 0).
-- Row identity of the ledger (what a restatement difference is computed over):
--   hour, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
--   line_item_type, pricing_unit, currency, commitment_arn, billing_period, billed_tags.
-- cost stays the unblended cost. amortized_cost and net_amortized_cost are derived per line from the line item type
-- (AWS's amortization rules, as in the Cloud Intelligence Dashboards' summary_view); they are linear in the measures
-- for a fixed line item type, so ledger differences and the daily rollup stay exact.
ALTER TABLE cost_hourly
    ADD COLUMN IF NOT EXISTS line_item_type LowCardinality(String) DEFAULT 'Usage',
    ADD COLUMN IF NOT EXISTS pricing_unit LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS currency LowCardinality(String) DEFAULT 'USD',
    ADD COLUMN IF NOT EXISTS commitment_arn String DEFAULT '',
    ADD COLUMN IF NOT EXISTS billing_period Date DEFAULT toStartOfMonth(hour),
    ADD COLUMN IF NOT EXISTS billed_tags Map(String, String) DEFAULT map(),
    ADD COLUMN IF NOT EXISTS net_unblended_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS public_on_demand_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_effective_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_net_effective_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_unused_amortized_upfront_fee Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_net_unused_amortized_upfront_fee Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_unused_recurring_fee Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_net_unused_recurring_fee Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_effective_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_net_effective_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_total_commitment_to_date Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_used_commitment Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_net_total_commitment_to_date Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_net_used_commitment Nullable(Decimal(18, 6));

ALTER TABLE cost_hourly
    ADD COLUMN IF NOT EXISTS amortized_cost Decimal(18, 6) MATERIALIZED multiIf(
        line_item_type = 'SavingsPlanCoveredUsage', ifNull(savings_plan_effective_cost, 0),
        line_item_type = 'SavingsPlanRecurringFee',
            ifNull(savings_plan_total_commitment_to_date, 0) - ifNull(savings_plan_used_commitment, 0),
        line_item_type IN ('SavingsPlanNegation', 'SavingsPlanUpfrontFee'), 0,
        line_item_type = 'DiscountedUsage', ifNull(reservation_effective_cost, 0),
        line_item_type = 'RIFee',
            ifNull(reservation_unused_amortized_upfront_fee, 0) + ifNull(reservation_unused_recurring_fee, 0),
        line_item_type = 'Fee' AND commitment_arn != '', 0,
        cost),
    ADD COLUMN IF NOT EXISTS net_amortized_cost Decimal(18, 6) MATERIALIZED multiIf(
        line_item_type = 'SavingsPlanCoveredUsage',
            ifNull(savings_plan_net_effective_cost, ifNull(savings_plan_effective_cost, 0)),
        line_item_type = 'SavingsPlanRecurringFee',
            ifNull(savings_plan_net_total_commitment_to_date, ifNull(savings_plan_total_commitment_to_date, 0))
            - ifNull(savings_plan_net_used_commitment, ifNull(savings_plan_used_commitment, 0)),
        line_item_type IN ('SavingsPlanNegation', 'SavingsPlanUpfrontFee'), 0,
        line_item_type = 'DiscountedUsage',
            ifNull(reservation_net_effective_cost, ifNull(reservation_effective_cost, 0)),
        line_item_type = 'RIFee',
            ifNull(reservation_net_unused_amortized_upfront_fee, ifNull(reservation_unused_amortized_upfront_fee, 0))
            + ifNull(reservation_net_unused_recurring_fee, ifNull(reservation_unused_recurring_fee, 0)),
        line_item_type = 'Fee' AND commitment_arn != '', 0,
        ifNull(net_unblended_cost, cost));

-- The daily rollup is rebuilt with the new identity columns and one sum per measure.
DROP VIEW IF EXISTS cost_rollup_daily_mv;

RENAME TABLE cost_rollup_daily TO cost_rollup_daily_015;

CREATE TABLE cost_rollup_daily
(
    day                   Date,
    account_id            LowCardinality(String),
    region                LowCardinality(String),
    service               LowCardinality(String),
    usage_type            LowCardinality(String),
    resource_id           String,
    resource_type         LowCardinality(String),
    customer              LowCardinality(String),
    cluster               String,
    index_name            String,
    line_item_type        LowCardinality(String),
    pricing_unit          LowCardinality(String),
    currency              LowCardinality(String),
    commitment_arn        String,
    billing_period        Date,
    cost                  Decimal(18, 6),
    amortized_cost        Decimal(18, 6),
    net_amortized_cost    Decimal(18, 6),
    usage_amount          Float64,
    net_unblended_cost    Nullable(Decimal(18, 6)),
    public_on_demand_cost Nullable(Decimal(18, 6))
)
ENGINE = SummingMergeTree((cost, amortized_cost, net_amortized_cost, usage_amount, net_unblended_cost,
                           public_on_demand_cost))
PARTITION BY toYYYYMM(day)
ORDER BY (day, account_id, service, usage_type, resource_id, customer, cluster, index_name, region, resource_type,
          line_item_type, pricing_unit, currency, commitment_arn, billing_period);

CREATE MATERIALIZED VIEW IF NOT EXISTS cost_rollup_daily_mv TO cost_rollup_daily AS
SELECT
    toDate(hour) AS day,
    account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
    line_item_type, pricing_unit, currency, commitment_arn, billing_period,
    sum(cost)                  AS cost,
    sum(amortized_cost)        AS amortized_cost,
    sum(net_amortized_cost)    AS net_amortized_cost,
    sum(usage_amount)          AS usage_amount,
    sum(net_unblended_cost)    AS net_unblended_cost,
    sum(public_on_demand_cost) AS public_on_demand_cost
FROM cost_hourly
GROUP BY day, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
         line_item_type, pricing_unit, currency, commitment_arn, billing_period;

INSERT INTO cost_rollup_daily
SELECT
    toDate(hour) AS day,
    account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
    line_item_type, pricing_unit, currency, commitment_arn, billing_period,
    sum(cost), sum(amortized_cost), sum(net_amortized_cost), sum(usage_amount), sum(net_unblended_cost),
    sum(public_on_demand_cost)
FROM cost_hourly
GROUP BY day, account_id, region, service, usage_type, resource_id, resource_type, customer, cluster, index_name,
         line_item_type, pricing_unit, currency, commitment_arn, billing_period;

DROP TABLE IF EXISTS cost_rollup_daily_015;
