-- Causes the demo-estate generator injected on purpose, so tests and the UI can check the decomposition against them.
CREATE TABLE IF NOT EXISTS demo_causes
(
    cause_id       String,
    kind           LowCardinality(String),
    description    String,
    node_id        String,
    resource_ids   Array(String),
    baseline_start DateTime('UTC'),
    baseline_end   DateTime('UTC'),
    period_start   DateTime('UTC'),
    period_end     DateTime('UTC'),
    expected_delta Decimal(18, 6),
    generated_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(generated_at)
ORDER BY cause_id;
