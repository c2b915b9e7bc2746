-- H2 hands out the value prepared with the old increment (last + 20) once more after ALTER SEQUENCE; used
-- here, so that the application's first block (next value - 499 … next value) lies above every id so far.
SELECT NEXT VALUE FOR audit_record_seq;
