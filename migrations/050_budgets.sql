-- Budgets (issue 13): one row per change, the newest version of a budget_id wins (ReplacingMergeTree by version;
-- readers take argMax by version so they are right before merges too). A deleted budget is a version with deleted = 1.
-- amount: the target per period; golden_date: when set, the target is that day's cost of the node × the period's days.
CREATE TABLE IF NOT EXISTS budgets
(
    budget_id   String,
    version     DateTime64(3, 'UTC'),
    name        String,
    node_id     String,                      -- '' = the whole organisation, else a node id (customer:acme, account:…)
    period      LowCardinality(String),      -- monthly | quarterly
    amount      Decimal(18, 2),
    golden_date Nullable(Date),
    cost_type   LowCardinality(String),      -- unblended | amortized | net-amortized
    changed_by  String,
    deleted     UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY budget_id;
