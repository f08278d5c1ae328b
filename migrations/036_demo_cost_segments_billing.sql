-- The demo estate's cost segments carry the bill's mechanics too (issue "Explain a real AWS bill", deliverable 9):
-- line item type, pricing unit, commitment ARN and the hourly amortization measures of migration 020, so the demo
-- holds Savings Plans, RIs, fees, credits and tax in real CUR shapes. NULL measures stay NULL in cost_hourly.
ALTER TABLE demo_cost_segments
    ADD COLUMN IF NOT EXISTS line_item_type LowCardinality(String) DEFAULT 'Usage',
    ADD COLUMN IF NOT EXISTS pricing_unit LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS commitment_arn String DEFAULT '',
    ADD COLUMN IF NOT EXISTS public_on_demand_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_effective_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_total_commitment_to_date Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS savings_plan_used_commitment Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_effective_cost Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_unused_amortized_upfront_fee Nullable(Decimal(18, 6)),
    ADD COLUMN IF NOT EXISTS reservation_unused_recurring_fee Nullable(Decimal(18, 6));
