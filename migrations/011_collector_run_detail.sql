-- What a successful run reports besides its row count ("no CUR folder configured", "3 file(s) applied, …"),
-- so the status page can say why a run wrote nothing.
ALTER TABLE collector_runs ADD COLUMN IF NOT EXISTS detail String DEFAULT '' AFTER error;
