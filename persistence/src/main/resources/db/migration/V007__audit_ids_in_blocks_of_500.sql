-- Audit record ids in blocks of 500 (AuditRecord.ID_ALLOCATION; was 20). Every block is fetched under
-- EclipseLink's lock for the sequence; with 50 requests writing audit lines at once (issue 5: 50 clients
-- opening one share link) a block of 20 lasted a few milliseconds and the requests queued on that lock.
-- EclipseLink takes the value it fetches as the last of its block (value - 499 … value), so the next value
-- must be at least 500 above every id handed out so far: PostgreSQL's next value already is (last value +
-- the new increment) on a sequence used before (a new one: postgresql/V007); H2 still returns the value
-- prepared with the old increment, which h2/V007 uses up.
ALTER SEQUENCE audit_record_seq INCREMENT BY 500;
