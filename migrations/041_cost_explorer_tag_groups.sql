-- Cost Explorer groups by a cost allocation tag keep the tag as billed (issue 11): the staged lines carry it, so the
-- ledger difference keeps "Environment$Dev" and the untagged "Environment$" apart (billed_tags {'Environment': ''}).
ALTER TABLE cost_ingest_staging ADD COLUMN IF NOT EXISTS billed_tags Map(String, String) DEFAULT map();
