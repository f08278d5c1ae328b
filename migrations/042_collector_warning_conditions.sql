-- A warning is a condition (issue 11): raised once, by the first run that sees it, and kept open while later runs of
-- the same collector, account and region still see it; a later successful run that no longer sees it writes the same
-- warning with state 'cleared'. Rows written before this migration read as raised.
ALTER TABLE collector_warnings ADD COLUMN IF NOT EXISTS state LowCardinality(String) DEFAULT 'raised';
