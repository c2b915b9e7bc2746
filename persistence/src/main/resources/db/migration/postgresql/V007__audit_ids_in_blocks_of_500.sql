-- A sequence never used yet (a new installation) hands out its start value (20) next, whatever the increment:
-- the first block would be -479 … 20, which EclipseLink refuses. Marking the current value as used makes the
-- next one last value + 500 there too; on a sequence already used this changes nothing.
SELECT setval('audit_record_seq', (SELECT last_value FROM audit_record_seq), true);
