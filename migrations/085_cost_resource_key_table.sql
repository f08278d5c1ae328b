-- The resource_key → resource_id lookup of the moved-resource scan (migration 083) becomes a MergeTree table read
-- through a join (issues "CUR ingest through the engine" and "Real-size estates"). As a Join-engine table, every write
-- to the ledger took its lock through the view below: the writes of a parallel insert then waited for each other, ~2 s
-- of a 5M-line CUR load's ~9 s (measured: the same load with the view writing to a MergeTree table instead took the
-- same CPU and ~2 s less). The scan now joins the table (~107k rows on the ~100k estate, no slower than joinGet).
--   cost_resource_key  one row per (resource_key, resource_id), ReplacingMergeTree: the view appends every insert's
--                      resources and merges fold them, so the table stays the size of the estate. Two ids with one key
--                      stay two rows; the scan tells them apart by resource_check (migration 083) as before.
-- Every statement can run again after an interruption: the table is derived from the facts and is refilled from them.
DROP VIEW IF EXISTS cost_resource_key_mv SYNC;

DROP TABLE IF EXISTS cost_resource_key SYNC;

CREATE TABLE IF NOT EXISTS cost_resource_key
(
    resource_key UInt64,
    resource_id  String
)
ENGINE = ReplacingMergeTree
ORDER BY (resource_key, resource_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS cost_resource_key_mv TO cost_resource_key AS
SELECT DISTINCT cityHash64(resource_id) AS resource_key, resource_id
FROM cost_resource_daily;

INSERT INTO cost_resource_key
SELECT DISTINCT cityHash64(resource_id) AS resource_key, resource_id
FROM cost_resource_daily;
