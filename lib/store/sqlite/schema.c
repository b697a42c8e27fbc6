/* schema.c - the SQLite engine's schema: the migrations, the indexes a
 * large import defers, the guards of the history. */
#include "sqlite.h"
#include <string.h>

/*
 * Indexes that a large import drops and builds again at commit (a sorted
 * build beats a million random inserts); see pt_sq_bulk.
 */
#define IDX_STATUS "CREATE INDEX cases_status ON cases(status, received_at);"
#define IDX_UNIT "CREATE INDEX cases_unit ON cases(unit, received_at);"
#define IDX_RECEIVED "CREATE INDEX cases_received ON cases(received_at);"
#define IDX_DEADLINES_OPEN \
	"CREATE INDEX deadlines_open ON deadlines(due)" \
	"  WHERE stopped_at IS NULL AND duty = 1;"

#define IDX_NEXT_DUE "CREATE INDEX cases_next_due ON cases(next_due);"
#define IDX_EVENTS_ACTS "CREATE INDEX events_acts ON events(action, at);"
#define IDX_EVENTS_REGISTER \
	"CREATE INDEX events_register ON events(case_id, unit) WHERE action = 'register';"

#define IDX_BACKLOG_DUE \
	"CREATE INDEX cases_backlog_due ON cases(received_at) WHERE backlog = 0" \
	"  AND status IN ({open_literal});"

static const char *const deferrable[][2] = {
	{"DROP INDEX cases_backlog_due", IDX_BACKLOG_DUE},
	{"DROP INDEX cases_status", IDX_STATUS},
	{"DROP INDEX cases_unit", IDX_UNIT},
	{"DROP INDEX cases_received", IDX_RECEIVED},
	{"DROP INDEX deadlines_open", IDX_DEADLINES_OPEN},
	{"DROP INDEX cases_next_due", IDX_NEXT_DUE},
	{"DROP INDEX events_acts", IDX_EVENTS_ACTS},
	{"DROP INDEX events_register", IDX_EVENTS_REGISTER},
};

/* Forward migrations: migrations[i] takes user_version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE units ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  level TEXT NOT NULL CHECK (level IN ('national','province','city','county')),"
	"  parent TEXT REFERENCES units(code));"
	"CREATE TABLE cases ("
	"  id INTEGER PRIMARY KEY,"
	"  case_no TEXT NOT NULL UNIQUE,"
	"  uuid TEXT NOT NULL UNIQUE,"
	"  received_at TEXT NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  petitioner_name TEXT, petitioner_phone TEXT,"
	"  petitioner_id_number TEXT, petitioner_address TEXT,"
	"  anonymous INTEGER NOT NULL DEFAULT 0,"
	"  headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 1),"
	"  collective INTEGER NOT NULL DEFAULT 0,"
	"  purpose TEXT, subject TEXT NOT NULL, content TEXT,"
	"  accused TEXT, location TEXT,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  pollution_type TEXT,"
	"  status TEXT NOT NULL,"
	"  category TEXT, handler TEXT, leader TEXT,"
	"  accept_due TEXT, reply_due TEXT,"
	"  extended INTEGER NOT NULL DEFAULT 0,"
	"  replied_at TEXT, outcome TEXT, delivered_at TEXT, review_due TEXT,"
	"  closed_at TEXT, satisfaction TEXT,"
	"  backlog INTEGER NOT NULL DEFAULT 0,"
	"  risk INTEGER NOT NULL DEFAULT 0,"
	"  repeat_of TEXT, transferred_from TEXT,"
	"  repeats INTEGER NOT NULL DEFAULT 0,"   /* earlier petitions of the matter */
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	IDX_STATUS IDX_UNIT IDX_RECEIVED
	"CREATE INDEX cases_phone ON cases(petitioner_phone, received_at)"
	"  WHERE petitioner_phone IS NOT NULL;"
	"CREATE INDEX cases_accused ON cases(accused, received_at)"
	"  WHERE accused IS NOT NULL;"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
	"  from_status TEXT, to_status TEXT,"
	"  details TEXT CHECK (details IS NULL OR json_valid(details)));"
	"CREATE INDEX events_case ON events(case_id);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TABLE deadlines ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  clock TEXT NOT NULL, start TEXT NOT NULL, due TEXT NOT NULL,"
	"  rule TEXT NOT NULL, stopped_at TEXT,"
	"  duty INTEGER NOT NULL DEFAULT 1,"   /* 0: the petitioner's window, not ours */
	"  PRIMARY KEY (case_id, clock)) WITHOUT ROWID;"
	IDX_DEADLINES_OPEN
	"CREATE INDEX deadlines_review ON deadlines(case_id) WHERE clock = 'review';"
	IDX_BACKLOG_DUE
	"CREATE INDEX cases_final ON cases(petitioner_phone, accused) WHERE status = 'final';"
	"CREATE INDEX cases_third_repeat ON cases(id) WHERE backlog = 0 AND repeats >= 2;"
	"CREATE INDEX cases_no_leader ON cases(id) WHERE backlog = 1 AND leader IS NULL;"
	"CREATE TABLE supervisions ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  clock TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('supervise','escalate','backlog')),"
	"  kind TEXT NOT NULL CHECK (kind IN ('special','individual','onsite','key')),"
	"  unit TEXT, handler TEXT, leader TEXT,"
	"  at TEXT NOT NULL, due TEXT, days_overdue INTEGER, rule TEXT NOT NULL);"
	/* per due date; ST_SUPERVISION_ADD keeps one per case, clock and action */
	"CREATE UNIQUE INDEX supervisions_once ON supervisions"
	"  (case_id, clock, action, coalesce(due, ''));"
	"CREATE TABLE case_seq ("
	"  prefix TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,"
	"  PRIMARY KEY (prefix, year)) WITHOUT ROWID;",

	/*
	 * The next deadline of the office on the case record, kept by the
	 * store; the unit that did each act as a column of the history, for the
	 * reports. A registration's unit is the one the case's first lifecycle
	 * event recorded (nothing moves a case before one), else where it is.
	 */
	"ALTER TABLE cases ADD COLUMN next_due TEXT;"
	"ALTER TABLE cases ADD COLUMN next_clock TEXT;"
	"UPDATE cases SET (next_due, next_clock) = (SELECT due, clock FROM deadlines d"
	"  WHERE d.case_id = cases.id AND d.stopped_at IS NULL AND d.duty = 1"
	"  ORDER BY due, clock LIMIT 1);"
	IDX_NEXT_DUE
	"ALTER TABLE events ADD COLUMN unit TEXT;"
	"DROP TRIGGER events_no_update;"
	"UPDATE events SET unit = json_extract(details, '$.unit')"
	"  WHERE action <> 'register' AND json_valid(details);"
	"UPDATE events SET unit = coalesce((SELECT x.unit FROM events x"
	"  WHERE x.case_id = events.case_id AND x.id > events.id AND x.unit IS NOT NULL"
	"  AND x.action NOT IN ('supervise', 'escalate', 'backlog', 'access')"
	"  ORDER BY x.id LIMIT 1), (SELECT unit FROM cases WHERE id = events.case_id))"
	"  WHERE action = 'register';"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	IDX_EVENTS_ACTS IDX_EVENTS_REGISTER,

	/* 2: a unit's name is unique under its parent only (南京 and 福州 each have
	 * a 鼓楼区): the table is rebuilt, migrate() turns foreign keys off */
	"CREATE TABLE units_new ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  level TEXT NOT NULL CHECK (level IN ('national','province','city','county')),"
	"  parent TEXT REFERENCES units(code));"
	"INSERT INTO units_new(code, name, level, parent)"
	"  SELECT code, name, level, parent FROM units;"
	"DROP TABLE units;"
	"ALTER TABLE units_new RENAME TO units;"
	"CREATE UNIQUE INDEX units_name ON units(coalesce(parent, ''), name);",

	/* 3: repeats are matched on normalised phones and accused names (the keys
	 * are computed in C: pt_phone_key, pt_accused_key) */
	"ALTER TABLE cases ADD COLUMN phone_key TEXT;"
	"ALTER TABLE cases ADD COLUMN accused_key TEXT;"
	"UPDATE cases SET phone_key = pt_phone_key(petitioner_phone),"
	"  accused_key = pt_accused_key(accused);"
	"DROP INDEX cases_phone; DROP INDEX cases_accused; DROP INDEX cases_final;"
	"CREATE INDEX cases_phone ON cases(phone_key, received_at) WHERE phone_key IS NOT NULL;"
	"CREATE INDEX cases_accused ON cases(accused_key, received_at) WHERE accused_key IS NOT NULL;"
	"CREATE INDEX cases_final ON cases(phone_key, accused_key) WHERE status = 'final';",

	/* 4: the hash chain (history.c), computed for the events there are; and
	 * INSERT OR REPLACE refused: REPLACE fires no delete trigger */
	"DROP TRIGGER events_no_update;"
	"ALTER TABLE events ADD COLUMN hash TEXT;"
	"CREATE TEMP TABLE chain AS WITH RECURSIVE ch(id, hash) AS ("
	"  SELECT 0, NULL UNION ALL"
	"  SELECT e.id, pt_event_hash(ch.hash, c.uuid, e.at, e.actor, e.action,"
	"    e.from_status, e.to_status, e.details)"
	"  FROM ch JOIN events e ON e.id = (SELECT min(id) FROM events WHERE id > ch.id)"
	"  LEFT JOIN cases c ON c.id = e.case_id)"
	"  SELECT id, hash FROM ch WHERE id > 0;"
	"UPDATE events SET hash = (SELECT hash FROM temp.chain t WHERE t.id = events.id);"
	"DROP TABLE temp.chain;"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER events_no_replace BEFORE INSERT ON events"
	"  WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;",

	/* 5: exchange between offices (lib/exchange.c): each event's id (a hash
	 * of its content), the office that made it, its Lamport clock, the
	 * fields and clocks it set with what its office had seen, and when it
	 * arrived here; the number another office gave a case; this store's
	 * office. Events recorded before have none and are not exchanged. */
	"ALTER TABLE cases ADD COLUMN origin_case_no TEXT;"
	"ALTER TABLE events ADD COLUMN event_id TEXT;"
	"ALTER TABLE events ADD COLUMN origin TEXT;"
	"ALTER TABLE events ADD COLUMN lamport INTEGER;"
	"ALTER TABLE events ADD COLUMN changes TEXT;"
	"ALTER TABLE events ADD COLUMN arrived_at TEXT;"
	"CREATE UNIQUE INDEX events_event_id ON events(event_id) WHERE event_id IS NOT NULL;"
	"CREATE INDEX events_lamport ON events(lamport) WHERE lamport IS NOT NULL;"
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",

	/* 6: leaders' receptions and visits (lib/visit.c), the cases each
	 * concerned, and the reception schedule (its rows in the order loaded);
	 * the kinds are pt_visit_kinds, checked in C */
	"CREATE TABLE visits ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL, date TEXT NOT NULL,"
	"  leader TEXT NOT NULL, post TEXT,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  place TEXT, people TEXT, decision TEXT,"
	"  actor TEXT NOT NULL, at TEXT NOT NULL);"
	"CREATE INDEX visits_date ON visits(date);"
	"CREATE TABLE visit_cases ("
	"  visit_id INTEGER NOT NULL REFERENCES visits(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  PRIMARY KEY (visit_id, case_id)) WITHOUT ROWID;"
	"CREATE INDEX visit_cases_case ON visit_cases(case_id);"
	"CREATE TABLE reception_schedule ("
	"  id INTEGER PRIMARY KEY,"
	"  leader TEXT NOT NULL, post TEXT,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  place TEXT NOT NULL, days TEXT NOT NULL, hours TEXT NOT NULL);",

	/* 7: a backlog case's file (积案: 一个班子、一套方案): its team and
	 * resolution, and the steps of its plan, numbered from 1 per case */
	"CREATE TABLE IF NOT EXISTS backlog_files ("
	"  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
	"  team TEXT, resolution TEXT, reason TEXT, resolved_at TEXT,"
	"  updated_at TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS backlog_steps ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  n INTEGER NOT NULL CHECK (n >= 1),"
	"  due TEXT NOT NULL, text TEXT NOT NULL, added_at TEXT NOT NULL, done_at TEXT,"
	"  PRIMARY KEY (case_id, n)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS backlog_steps_open ON backlog_steps(due)"
	"  WHERE done_at IS NULL;",

	/* 8: supervision orders issued by hand (petition-supervise): the order,
	 * the cases it concerns, when the morning run reminded of it and raised
	 * it; its kinds and sources are the C tables of lib/supervise.c */
	"CREATE TABLE orders ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL, source TEXT NOT NULL,"
	"  issuer_unit TEXT NOT NULL REFERENCES units(code), issuer TEXT,"
	"  target_unit TEXT NOT NULL REFERENCES units(code),"
	"  theme TEXT, period_from TEXT, period_to TEXT, joint TEXT,"
	"  due TEXT NOT NULL, text TEXT,"
	"  issued_at TEXT NOT NULL, actor TEXT NOT NULL,"
	"  result TEXT, result_at TEXT,"
	"  reminded_at TEXT, escalated_at TEXT, escalated_to TEXT);"
	"CREATE INDEX orders_open ON orders(due) WHERE result IS NULL;"
	"CREATE TABLE order_cases ("
	"  order_id INTEGER NOT NULL REFERENCES orders(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  PRIMARY KEY (order_id, case_id)) WITHOUT ROWID;"
	"CREATE INDEX order_cases_case ON order_cases(case_id);",

	/* 9: the register of risks (lib/risk.c), not cases: each risk's course
	 * in risk_events, append-only as events; the cases linked to it */
	"CREATE TABLE risks ("
	"  id INTEGER PRIMARY KEY,"
	"  matter TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,"
	"  unit TEXT NOT NULL REFERENCES units(code),"
	"  level TEXT NOT NULL, step TEXT NOT NULL,"
	"  found_at TEXT NOT NULL, urgent_at TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX risks_unit ON risks(unit, found_at);"
	"CREATE INDEX risks_found ON risks(found_at);"
	"CREATE TABLE risk_events ("
	"  id INTEGER PRIMARY KEY,"
	"  risk_id INTEGER NOT NULL REFERENCES risks(id),"
	"  at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
	"  from_step TEXT, to_step TEXT NOT NULL, text TEXT, unit TEXT NOT NULL);"
	"CREATE INDEX risk_events_risk ON risk_events(risk_id, id);"
	"CREATE INDEX risk_events_at ON risk_events(at);"
	"CREATE TRIGGER risk_events_no_update BEFORE UPDATE ON risk_events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER risk_events_no_delete BEFORE DELETE ON risk_events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TABLE risk_cases ("
	"  risk_id INTEGER NOT NULL REFERENCES risks(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  at TEXT NOT NULL, PRIMARY KEY (risk_id, case_id)) WITHOUT ROWID;",

	/* 10: pollution-damage disputes and their mediation (lib/mediate.c),
	 * not cases: each one's course in dispute_events, append-only as
	 * events; the cases it came from */
	"CREATE TABLE disputes ("
	"  id INTEGER PRIMARY KEY,"
	"  injured TEXT NOT NULL, injured_phone TEXT, accused TEXT NOT NULL,"
	"  damage TEXT NOT NULL, unit TEXT NOT NULL REFERENCES units(code),"
	"  step TEXT NOT NULL, filed_at TEXT NOT NULL, consent_at TEXT, due TEXT,"
	"  remedy TEXT, outcome_at TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX disputes_unit ON disputes(unit, filed_at);"
	"CREATE INDEX disputes_due ON disputes(due) WHERE due IS NOT NULL;"
	"CREATE TABLE dispute_events ("
	"  id INTEGER PRIMARY KEY,"
	"  dispute_id INTEGER NOT NULL REFERENCES disputes(id),"
	"  at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
	"  from_step TEXT, to_step TEXT NOT NULL, day TEXT, place TEXT, text TEXT,"
	"  unit TEXT NOT NULL);"
	"CREATE INDEX dispute_events_dispute ON dispute_events(dispute_id, id);"
	"CREATE TRIGGER dispute_events_no_update BEFORE UPDATE ON dispute_events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER dispute_events_no_delete BEFORE DELETE ON dispute_events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TABLE dispute_cases ("
	"  dispute_id INTEGER NOT NULL REFERENCES disputes(id),"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  at TEXT NOT NULL, PRIMARY KEY (dispute_id, case_id)) WITHOUT ROWID;",
	/* 11: the duty rosters of the key periods (lib/roster.c): a row a day
	 * of a period (named FROM..TO as in the policy), each change an event */
	"CREATE TABLE rosters ("
	"  period TEXT NOT NULL, day TEXT NOT NULL, on_duty TEXT, leader TEXT,"
	"  set_at TEXT NOT NULL, PRIMARY KEY (period, day));"
	"CREATE TABLE roster_events ("
	"  id INTEGER PRIMARY KEY,"
	"  period TEXT NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,"
	"  on_duty TEXT, leader TEXT);"
	"CREATE TRIGGER roster_events_no_update BEFORE UPDATE ON roster_events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;"
	"CREATE TRIGGER roster_events_no_delete BEFORE DELETE ON roster_events"
	"  BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;",
};

/* The triggers that keep the history append-only (petition-verify checks). */
static const char *const guards[] = {
	"events_no_update", "events_no_delete", "events_no_replace",
};

#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])
#define NDEFERRABLE (sizeof deferrable / sizeof deferrable[0])

int pt_sq_schema_newest(void) { return NMIGRATIONS; }

static int foreign_keys_hold(pt_db *db, pt_err *e)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(pt_sq(db), "PRAGMA foreign_key_check", -1, &s, NULL))
		return pt_sq_err(db, e, "migrate");
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return pt_error(e, PT_EDB, "%s: migrate: a foreign key does not hold", db->path);
	return rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "migrate");
}

int pt_sq_schema_version(pt_db *db, int *version, pt_err *e)
{
	sqlite3_stmt *s;
	int rc;

	*version = 0;
	if (sqlite3_prepare_v2(pt_sq(db), "PRAGMA user_version", -1, &s, NULL))
		return pt_sq_err(db, e, "schema version");
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return pt_sq_err(db, e, "schema version");
	if (*version > NMIGRATIONS)
		return pt_error(e, PT_EDB, "%s: schema version %d is newer than this"
		                " program knows (%d)", db->path, *version, NMIGRATIONS);
	return PT_OK;
}

/* For a store opened read-only (petition-verify), which is not migrated. */
int pt_sq_check_current(pt_db *db, pt_err *e)
{
	int version, rc = pt_sq_schema_version(db, &version, e);

	if (!rc && version < NMIGRATIONS)
		return pt_error(e, PT_EDB, "%s: schema version %d is older than this program's"
		                " (%d): any tool that writes migrates it", db->path, version,
		                NMIGRATIONS);
	return rc;
}

/*
 * Brings the schema up to date under the write lock, reading the version
 * again once it holds it: of processes that open a new file at once, one
 * creates the schema and the others find it made. *fresh: the schema was
 * created here, and the transaction is left open for the caller to seed
 * the new database and commit.
 */
int pt_sq_migrate(pt_db *db, int version, bool *fresh, pt_err *e)
{
	/* a table rebuilt in an existing file (SQLite's procedure): foreign keys
	 * off outside the transaction, checked before the commit, on again after */
	bool rebuild = version > 0;
	char pragma[64];
	int rc;

	*fresh = false;
	if (version == NMIGRATIONS)
		return PT_OK;
	if (rebuild && (rc = pt_sq_exec(db, "PRAGMA foreign_keys = OFF", e, "migrate")))
		return rc;
	if ((rc = pt_begin(db, e)) || (rc = pt_sq_schema_version(db, &version, e)))
		goto fail;
	for (int v = version; v < NMIGRATIONS; v++)
		if ((rc = pt_sq_exec(db, migrations[v], e, "migrate")))
			goto fail;
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", NMIGRATIONS);
	if ((rc = pt_sq_exec(db, pragma, e, "migrate")) || (rc = foreign_keys_hold(db, e)))
		goto fail;
	if (version == 0 && !rebuild) {
		*fresh = true;
		return PT_OK;
	}
	if ((rc = pt_commit(db, e)))
		goto fail;
	return rebuild ? pt_sq_exec(db, "PRAGMA foreign_keys = ON", e, "migrate") : PT_OK;
fail:
	pt_rollback(db);
	if (rebuild)
		sqlite3_exec(pt_sq(db), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

/*
 * Drops the deferrable indexes for the rest of this transaction, and gives
 * it a larger page cache: a bulk transaction that outgrows the cache spills
 * its pages into the WAL and reads them back (a million cases: 1 GB of WAL,
 * a fifth of the time in its frame lookups). 20 MB keeps the whole
 * process under 64 MB at any size.
 */
int pt_sq_bulk(pt_db *db, pt_err *e)
{
	int rc;

	if (db->store->bulk)
		return PT_OK;
	if ((rc = pt_sq_exec(db, "PRAGMA cache_size = -20480", e, "bulk")))
		return rc;
	for (size_t i = 0; i < NDEFERRABLE; i++)
		if ((rc = pt_sq_exec(db, deferrable[i][0], e, "bulk")))
			return rc;
	db->store->bulk = true;
	return PT_OK;
}

/* Builds the dropped indexes again, before the commit. */
int pt_sq_bulk_end(pt_db *db, pt_err *e)
{
	int rc;

	for (size_t i = 0; db->store->bulk && i < NDEFERRABLE; i++)
		if ((rc = pt_sq_exec(db, deferrable[i][1], e, "index")))
			return rc;
	db->store->bulk = false;
	return PT_OK;
}

/* The first guard trigger missing from the store, or NULL. */
int pt_sq_guard_missing(pt_db *db, const char **missing, pt_err *e)
{
	static const char trigger_sql[] = "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
		" AND tbl_name = 'events' AND name = ?1";

	*missing = NULL;
	for (size_t i = 0; i < sizeof guards / sizeof guards[0] && !*missing; i++) {
		sqlite3_stmt *s = pt_sq_stmt(db, ST_TRIGGER, trigger_sql, e);
		int rc;

		if (!s)
			return PT_EDB;
		sqlite3_bind_text(s, 1, guards[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			*missing = guards[i];
		else if (rc != SQLITE_ROW)
			return pt_sq_err(db, e, "triggers");
	}
	return PT_OK;
}
