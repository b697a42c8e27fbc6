-- The sqlite3 shell doing petition-add's raw work: the same rows into the
-- same schema (indexes, one history event and one deadline per case), in one
-- transaction, without validation, numbering or repeat detection.
.import --csv @CSV@ raw
BEGIN;
INSERT INTO cases(case_no, uuid, received_at, channel, petitioner_name,
    petitioner_phone, petitioner_id_number, petitioner_address, anonymous,
    headcount, collective, purpose, subject, content, accused, location, unit,
    pollution_type, status, accept_due, risk, created_at, updated_at)
SELECT 'GY-' || substr(received_at, 1, 4) || '-' || printf('%06d', rowid),
    lower(hex(randomblob(16))), received_at, channel, nullif(petitioner_name, ''),
    nullif(petitioner_phone, ''), nullif(petitioner_id_number, ''),
    nullif(petitioner_address, ''), anonymous = 'true', headcount, 0, purpose,
    subject, content, nullif(accused, ''), location, unit, pollution_type,
    'registered', date(received_at, '+15 days'), risk = 'true',
    '2018-01-01T00:00:00Z', '2018-01-01T00:00:00Z'
FROM raw;
INSERT INTO events(case_id, at, actor, action, to_status)
SELECT id, created_at, 'bench', 'register', 'registered' FROM cases;
INSERT INTO deadlines(case_id, clock, start, due, rule)
SELECT id, 'accept', date(received_at), accept_due,
    'received ' || date(received_at) || ' + 15 calendar days' FROM cases;
DROP TABLE raw;
COMMIT;
