-- Cost ingest bookkeeping for the CUR and Cost Explorer collectors.
-- cost_ingest_staging holds one validated source file (or API response) per batch_id while its difference to the
-- cost_hourly ledger is computed in SQL; rows are deleted after each run and expire after a day if a run died.
CREATE TABLE IF NOT EXISTS cost_ingest_staging
(
    batch_id      String,
    hour          DateTime('UTC'),
    account_id    String,
    region        String,
    service       String,
    usage_type    String,
    resource_id   String,
    resource_type String,
    customer      String,
    cluster       String,
    index_name    String,
    cost          Decimal(38, 10),
    usage_amount  Float64,
    staged_at     DateTime('UTC') DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (batch_id, hour, account_id, service, usage_type, resource_id)
TTL staged_at + INTERVAL 1 DAY;

-- Files the CUR collector has already applied (name + content hash). Only a shortcut: the ledger difference
-- alone already makes re-ingesting a file write nothing.
CREATE TABLE IF NOT EXISTS cost_ingest_files
(
    source        LowCardinality(String),
    file_name     String,
    sha256        String,
    line_count    UInt64,
    rows_written  UInt64,
    processed_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(processed_at)
ORDER BY (source, file_name, sha256);
