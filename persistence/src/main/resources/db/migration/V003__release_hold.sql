-- Release hold: staff may hold a study (hidden from its patient until released) and release it at once.
-- released_audited marks a matched study whose release has been written to the audit trail by the timer,
-- so every release is audited exactly once, across restarts. Portable SQL for H2 2.x and PostgreSQL.

ALTER TABLE study ADD COLUMN held BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE study ADD COLUMN released_audited BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_study_release_pending ON study (released_audited, release_at);
CREATE INDEX ix_study_received ON study (received_at);

-- The calling AE title of the association that created the study (shown on the unmatched worklist).
ALTER TABLE study ADD COLUMN calling_aet VARCHAR(16);
