-- Three ledger columns that repeat a few values over many lines become LowCardinality (issue "CUR ingest through the
-- engine": the write of a first load).
--   ingest_batch  the commit's batch id, one 36-character string on every line of a load: a String column carried
--                 ~44 bytes per line through the insert's sort and compression (220 MB per 5M lines).
--   billed_tags   the map's keys: a bill's few tag keys repeat on every line; a LowCardinality key is one dictionary
--                 index per entry instead of the key's bytes (the map was ~109 bytes per line, most of it keys).
--   commitment_arn  the Savings Plan or reservation a line used: an estate's few commitments, on a share of the lines.
-- Interleaved 5M-line CUR loads on the embedded engine, three each, with the first two columns: 11.8-16.3 s CPU
-- before, 10.8-11.4 s after (the load's wall time 6.2-8.5 -> 5.9-6.3 s); commitment_arn as well: no difference
-- measurable through the machine's noise (10.5-10.8 s). Values, grouping and comparisons are unchanged: a LowCardinality
-- String compares, groups and hashes as its String. Existing parts are rewritten by the engine's mutation in the
-- background and read converted until then. Re-runnable: MODIFY COLUMN to the type a column already has does nothing.
ALTER TABLE cost_hourly MODIFY COLUMN ingest_batch LowCardinality(String) DEFAULT '';

ALTER TABLE cost_hourly MODIFY COLUMN billed_tags Map(LowCardinality(String), String) DEFAULT map();

ALTER TABLE cost_hourly MODIFY COLUMN commitment_arn LowCardinality(String) DEFAULT '';
