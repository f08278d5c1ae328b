-- The moved-resource scan without resource ids (issue "Real-size estates"): grouping the per-resource facts by
-- resource_key alone reads no string column; reading the ids of the ~6.5M rows of two 30-day windows was about a third of
-- the scan on the ~100k estate. The ids of the resources that moved are then looked up in cost_resource_key.
--   resource_check    xxHash64(resource_id), MATERIALIZED (every insert computes it; existing rows get it below): a
--                     second hash of the id, so two ids with one resource_key (cityHash64) are told apart — their group's
--                     min(resource_check) != max(resource_check) — and the decomposition then reads the daily rollup.
--                     any(): equal on every row of one resource (resource_id is in the sorting key).
--   cost_resource_key resource_key → resource_id, one row per key, held in memory (Join engine, ANY: a key's first id is
--                     kept; the scan checks xxHash64 of the id it names against the facts' resource_check). Kept by a view
--                     on cost_resource_daily, filled here for the resources already there.
ALTER TABLE cost_resource_daily ADD COLUMN IF NOT EXISTS resource_check SimpleAggregateFunction(any, UInt64)
    MATERIALIZED xxHash64(resource_id);

ALTER TABLE cost_resource_daily MATERIALIZE COLUMN resource_check SETTINGS mutations_sync = 2;

CREATE TABLE IF NOT EXISTS cost_resource_key
(
    resource_key UInt64,
    resource_id  String
)
ENGINE = Join(ANY, LEFT, resource_key);

-- The view adds only keys the table does not hold yet: the Join engine appends every inserted block to its file on disk
-- and replays the file when the table is attached, so re-inserting the known resources (every collector run, every CUR
-- refresh) would grow the file and the startup without end.
CREATE MATERIALIZED VIEW IF NOT EXISTS cost_resource_key_mv TO cost_resource_key AS
SELECT DISTINCT cityHash64(resource_id) AS resource_key, resource_id
FROM cost_resource_daily
WHERE joinGetOrNull('cost_resource_key', 'resource_id', cityHash64(resource_id)) IS NULL;

INSERT INTO cost_resource_key
SELECT DISTINCT cityHash64(resource_id) AS resource_key, resource_id
FROM cost_resource_daily;
