/* store.c - the SQLite store. Every SQL statement of the toolkit is here. */
#include "pt_priv.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 10000

/*
 * Indexes that a large import drops and builds again at commit (a sorted
 * build beats a million random inserts); see pt_store_bulk.
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
	"  AND status IN ('registered','accepted','reviewing','rereviewing');"

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
};

/* The triggers that keep the history append-only (petition-verify checks). */
static const char *const guards[] = {
	"events_no_update", "events_no_delete", "events_no_replace",
};

#define CASE_COLUMNS \
	"c.id, c.case_no, c.uuid, c.received_at, c.channel, c.petitioner_name," \
	" c.petitioner_phone, c.petitioner_id_number, c.petitioner_address," \
	" c.anonymous, c.headcount, c.collective, c.purpose, c.subject, c.content," \
	" c.accused, c.location, c.unit, u.name, c.pollution_type, c.status," \
	" c.category, c.handler, c.leader, c.accept_due, c.reply_due, c.extended," \
	" c.replied_at, c.outcome, c.delivered_at, c.review_due, c.closed_at," \
	" c.satisfaction, c.backlog, c.risk, c.repeat_of, c.transferred_from," \
	" c.next_due, c.next_clock"
#define CASE_FROM " FROM cases c LEFT JOIN units u ON u.code = c.unit"

enum pt_stmt {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_UNITS, ST_UNIT_PUT, ST_CASE_INSERT,
	ST_EVENT, ST_DEADLINE, ST_REPEAT_PHONE, ST_REPEAT_ACCUSED, ST_SEQ_GET,
	ST_SEQ_PUT, ST_BY_NO, ST_BY_UUID, ST_BY_ID, ST_EVENTS, ST_DEADLINES,
	ST_UNITS_UNDER, ST_UNIT_ONE, ST_MAX_ID, ST_DEADLINE_STOP, ST_DEADLINE_GET,
	ST_FINAL_REPEAT, ST_LAST_EVENT, ST_SUPERVISION_GET, ST_SUPERVISION_ADD,
	ST_SUPERVISIONS, ST_NEXT_DUE, ST_CHAIN, ST_REPLAY, ST_TRIGGER, ST__COUNT
};

static const char *const sql_text[ST__COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_UNITS] = "SELECT code, name, level, parent FROM units ORDER BY code",
	[ST_UNIT_PUT] = "INSERT INTO units(code, name, level, parent) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
		" level = excluded.level, parent = excluded.parent",
	[ST_CASE_INSERT] = "INSERT INTO cases(case_no, uuid, received_at, channel,"
		" petitioner_name, petitioner_phone, petitioner_id_number,"
		" petitioner_address, anonymous, headcount, collective, purpose, subject,"
		" content, accused, location, unit, pollution_type, status, accept_due,"
		" risk, repeat_of, transferred_from, next_due, next_clock, created_at,"
		" updated_at, repeats, phone_key, accused_key)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?26, ?27,"
		" ?28, ?29)",
	/* the unit that acted: the details say, else (registration) the case's */
	[ST_EVENT] = "INSERT INTO events(case_id, at, actor, action, from_status,"
		" to_status, details, unit, hash) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		" coalesce(json_extract(?7, '$.unit'), unit),"
		" pt_event_hash((SELECT hash FROM events ORDER BY id DESC LIMIT 1),"
		" uuid, ?2, ?3, ?4, ?5, ?6, ?7) FROM cases WHERE id = ?1",
	[ST_CHAIN] = "SELECT e.id, c.case_no, c.uuid, e.at, e.actor, e.action,"
		" e.from_status, e.to_status, e.details, e.hash"
		" FROM events e LEFT JOIN cases c ON c.id = e.case_id ORDER BY e.id",
	[ST_REPLAY] = "SELECT c.case_no, e.id, e.action, e.at, e.from_status,"
		" e.to_status, e.details, c.status, c.unit, c.category, c.handler,"
		" c.leader, c.reply_due, c.review_due, c.outcome, c.satisfaction,"
		" c.replied_at, c.delivered_at, c.closed_at, c.extended"
		" FROM cases c LEFT JOIN events e ON e.case_id = c.id ORDER BY c.id, e.id",
	[ST_TRIGGER] = "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
		" AND tbl_name = 'events' AND name = ?1",
	[ST_DEADLINE] = "INSERT INTO deadlines(case_id, clock, start, due, rule, duty)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(case_id, clock) DO UPDATE SET"
		" start = excluded.start, due = excluded.due, rule = excluded.rule,"
		" duty = excluded.duty, stopped_at = NULL",
	[ST_NEXT_DUE] = "UPDATE cases SET (next_due, next_clock) = (SELECT due, clock"
		" FROM deadlines WHERE case_id = ?1 AND stopped_at IS NULL AND duty = 1"
		" ORDER BY due, clock LIMIT 1) WHERE id = ?1"
		/* unchanged (a registration inserts its first clock): no row rewritten */
		" AND (next_due, next_clock) IS NOT (SELECT due, clock FROM deadlines"
		" WHERE case_id = ?1 AND stopped_at IS NULL AND duty = 1"
		" ORDER BY due, clock LIMIT 1)",
	[ST_DEADLINE_STOP] = "UPDATE deadlines SET stopped_at = ?3"
		" WHERE case_id = ?1 AND clock = ?2 AND stopped_at IS NULL",
	[ST_DEADLINE_GET] = "SELECT due, stopped_at, start, rule FROM deadlines"
		" WHERE case_id = ?1 AND clock = ?2",
	[ST_FINAL_REPEAT] = "SELECT case_no, repeats, received_at FROM cases"
		" INDEXED BY cases_final WHERE status = 'final'"
		" AND phone_key = ?1 AND accused_key = ?2"
		" ORDER BY received_at DESC LIMIT 1",
	/* once per case, clock and action, whatever the due date: a clock
	 * extended or started again is the same lapse (petition-escalate(1)) */
	[ST_SUPERVISION_GET] = "SELECT at FROM supervisions"
		" WHERE case_id = ?1 AND clock = ?2 AND action = ?3 ORDER BY id LIMIT 1",
	[ST_SUPERVISION_ADD] = "INSERT INTO supervisions(case_id, clock, action, kind,"
		" unit, handler, leader, at, due, days_overdue, rule)"
		" SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
		" WHERE NOT EXISTS (SELECT 1 FROM supervisions"
		"  WHERE case_id = ?1 AND clock = ?2 AND action = ?3)"
		" ON CONFLICT DO NOTHING",
	[ST_SUPERVISIONS] = "SELECT at, action, kind, clock, unit, handler, leader, due,"
		" days_overdue, rule FROM supervisions WHERE case_id = ?1 ORDER BY id",
	[ST_LAST_EVENT] = "SELECT details, at FROM events WHERE case_id = ?1"
		" AND action = ?2 ORDER BY id DESC LIMIT 1",
	[ST_REPEAT_PHONE] = "SELECT case_no, repeats, received_at FROM cases WHERE phone_key = ?1"
		" AND received_at >= ?2 AND received_at <= ?3"
		" ORDER BY received_at DESC LIMIT 1",
	[ST_REPEAT_ACCUSED] = "SELECT case_no, repeats, received_at FROM cases WHERE accused_key = ?1"
		" AND received_at >= ?2 AND received_at <= ?3"
		" ORDER BY received_at DESC LIMIT 1",
	[ST_SEQ_GET] = "SELECT last FROM case_seq WHERE prefix = ?1 AND year = ?2",
	[ST_SEQ_PUT] = "INSERT INTO case_seq(prefix, year, last) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(prefix, year) DO UPDATE SET last = max(last, excluded.last)",
	[ST_BY_NO] = "SELECT id FROM cases WHERE case_no = ?1",
	[ST_BY_UUID] = "SELECT id FROM cases WHERE uuid = lower(?1)",
	[ST_BY_ID] = "SELECT id FROM cases WHERE id = ?1",
	[ST_EVENTS] = "SELECT c.case_no, e.at, e.actor, e.action, e.from_status,"
		" e.to_status, e.details FROM events e JOIN cases c ON c.id = e.case_id"
		" WHERE e.case_id = ?1 ORDER BY e.id",
	[ST_DEADLINES] = "SELECT clock, start, due, rule, stopped_at FROM deadlines"
		" WHERE case_id = ?1 ORDER BY start, clock",
	[ST_UNITS_UNDER] = "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION"
		" SELECT u.code FROM units u JOIN sub ON u.parent = sub.code)"
		" SELECT u.code, u.name, u.level, u.parent FROM units u"
		" JOIN sub ON sub.code = u.code ORDER BY u.code",
	[ST_MAX_ID] = "SELECT coalesce(max(id), 0) FROM cases",
	[ST_UNIT_ONE] = "SELECT code, name, level, parent FROM units WHERE code = ?1",
};

_Static_assert(ST__COUNT <= sizeof ((pt_db *)0)->st / sizeof (sqlite3_stmt *),
               "pt_db.st is too small for the statements");

static sqlite3_stmt *stmt(pt_db *db, enum pt_stmt s, pt_err *e)
{
	if (!db->st[s] &&
	    sqlite3_prepare_v3(db->sql, sql_text[s], -1, SQLITE_PREPARE_PERSISTENT,
	                       &db->st[s], NULL) != SQLITE_OK) {
		pt_store_err(db, e, "prepare");
		return NULL;
	}
	sqlite3_reset(db->st[s]);
	sqlite3_clear_bindings(db->st[s]);
	return db->st[s];
}

int pt_store_err(pt_db *db, pt_err *e, const char *where)
{
	int rc = sqlite3_extended_errcode(db->sql);

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return pt_error(e, PT_EDB, "%s: %s: database is busy (waited %d s)",
		                db->path, where, BUSY_TIMEOUT_MS / 1000);
	return pt_error(e, PT_EDB, "%s: %s: %s", db->path, where,
	                sqlite3_errmsg(db->sql));
}

static int exec(pt_db *db, const char *sql, pt_err *e, const char *where)
{
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return pt_store_err(db, e, where);
	return PT_OK;
}

/* Runs a prepared statement that returns no rows. */
static int run(pt_db *db, sqlite3_stmt *s, pt_err *e, const char *where)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return pt_store_err(db, e, where);
	return PT_OK;
}

static int create_file(const char *path, pt_err *e)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0) {
		close(fd);
		return PT_OK;
	}
	if (errno == EEXIST)
		return PT_OK;
	return pt_error(e, PT_EDB, "%s: %s", path, strerror(errno));
}

typedef void key_fn(const char *v, char *out, size_t n);
enum { KEY_MAX = 1024 };    /* an accused name: 200 characters, 4 bytes each */
static key_fn *const key_fns[] = {pt_phone_key, pt_accused_key};

/* pt_phone_key(x), pt_accused_key(x): the C keys, for the migration */
static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	key_fn *key = *(key_fn *const *)sqlite3_user_data(ctx);
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	char k[KEY_MAX];

	(void)argc;
	if (!v) {
		sqlite3_result_null(ctx);
		return;
	}
	key(v, k, sizeof k);
	sqlite3_result_text(ctx, k, -1, SQLITE_TRANSIENT);
}

/* pt_event_hash(prev, uuid, at, actor, action, from, to, details) in SQL */
static void sql_event_hash(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *f[PT_EVENT_FIELDS];
	size_t n[PT_EVENT_FIELDS];
	char out[PT_HASH_HEX];

	for (int i = 0; i < PT_EVENT_FIELDS && i + 1 < argc; i++) {
		f[i] = (const char *)sqlite3_value_text(argv[i + 1]);
		n[i] = (size_t)sqlite3_value_bytes(argv[i + 1]);
	}
	pt_event_hash((const char *)sqlite3_value_text(argv[0]), f, n, out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

static int key_functions(pt_db *db, pt_err *e)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;

	if (sqlite3_create_function(db->sql, "pt_phone_key", 1, flags, (void *)&key_fns[0],
	                            sql_key, NULL, NULL) ||
	    sqlite3_create_function(db->sql, "pt_accused_key", 1, flags, (void *)&key_fns[1],
	                            sql_key, NULL, NULL) ||
	    sqlite3_create_function(db->sql, "pt_event_hash", 1 + PT_EVENT_FIELDS,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            sql_event_hash, NULL, NULL))
		return pt_store_err(db, e, "open");
	return PT_OK;
}

static int foreign_keys_hold(pt_db *db, pt_err *e)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check", -1, &s, NULL))
		return pt_store_err(db, e, "migrate");
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return pt_error(e, PT_EDB, "%s: migrate: a foreign key does not hold", db->path);
	return rc == SQLITE_DONE ? PT_OK : pt_store_err(db, e, "migrate");
}

#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])

static int schema_version(pt_db *db, int *version, pt_err *e)
{
	sqlite3_stmt *s;
	int rc;

	*version = 0;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &s, NULL))
		return pt_store_err(db, e, "schema version");
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return pt_store_err(db, e, "schema version");
	if (*version > NMIGRATIONS)
		return pt_error(e, PT_EDB, "%s: schema version %d is newer than this"
		                " program knows (%d)", db->path, *version, NMIGRATIONS);
	return PT_OK;
}

/* For a store opened read-only (petition-verify), which is not migrated. */
int pt_store_check_current(pt_db *db, pt_err *e)
{
	int version, rc = schema_version(db, &version, e);

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
static int migrate(pt_db *db, int version, bool *fresh, pt_err *e)
{
	/* a table rebuilt in an existing file (SQLite's procedure): foreign keys
	 * off outside the transaction, checked before the commit, on again after */
	bool rebuild = version > 0;
	char pragma[64];
	int rc;

	*fresh = false;
	if (version == NMIGRATIONS)
		return PT_OK;
	if (rebuild && (rc = exec(db, "PRAGMA foreign_keys = OFF", e, "migrate")))
		return rc;
	if ((rc = pt_begin(db, e)) || (rc = schema_version(db, &version, e)))
		goto fail;
	for (int v = version; v < NMIGRATIONS; v++)
		if ((rc = exec(db, migrations[v], e, "migrate")))
			goto fail;
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", NMIGRATIONS);
	if ((rc = exec(db, pragma, e, "migrate")) || (rc = foreign_keys_hold(db, e)))
		goto fail;
	if (version == 0 && !rebuild) {
		*fresh = true;
		return PT_OK;
	}
	if ((rc = pt_commit(db, e)))
		goto fail;
	return rebuild ? exec(db, "PRAGMA foreign_keys = ON", e, "migrate") : PT_OK;
fail:
	pt_rollback(db);
	if (rebuild)
		sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

/* Can this process write the file, and make its -wal and -shm beside it? */
static bool writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) < 0)
		return false;
	if (!slash)
		return faccessat(AT_FDCWD, ".", W_OK, AT_EACCESS) == 0;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + (slash == path), path);
	return faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) == 0;
}

/* "file:PATH?immutable=1", the path percent-encoded where a URI needs it */
static char *immutable_uri(const char *path)
{
	pt_buf b = {0};
	char hex[4];
	int bad = pt_buf_adds(&b, "file:");

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f) {
			snprintf(hex, sizeof hex, "%%%02X", *p);
			bad |= pt_buf_adds(&b, hex);
		} else {
			bad |= pt_buf_add(&b, (const char *)p, 1);
		}
	}
	if ((bad | pt_buf_adds(&b, "?immutable=1")) < 0) {
		pt_buf_free(&b);
		return NULL;
	}
	return b.p;
}

static int open_connection(pt_db *db, const char *name, int flags, pt_err *e)
{
	if (sqlite3_open_v2(name, &db->sql, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return pt_store_err(db, e, "open");
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_busy_timeout(db->sql, BUSY_TIMEOUT_MS);
	if (key_functions(db, e))
		return PT_EDB;
	/* user_version: the first read, where a file that cannot be read fails */
	return exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
	            " PRAGMA cache_size = -8192; PRAGMA temp_store = FILE;"
	            " PRAGMA user_version", e, "open");
}

/*
 * A database that cannot be written (a read-only mount or directory, an
 * immutable file): read as it is. A WAL database there has no -shm file
 * and can make none, so it is read as immutable, which is what it is.
 */
static int open_readonly(pt_db *db, int *version, pt_err *e)
{
	char *uri;
	int rc;

	rc = open_connection(db, db->path, SQLITE_OPEN_READONLY, e);
	if (!rc)
		return schema_version(db, version, e);
	if (!db->sql || (sqlite3_errcode(db->sql) & 0xff) != SQLITE_CANTOPEN)
		return rc;
	sqlite3_close(db->sql);
	db->sql = NULL;
	if (!(uri = immutable_uri(db->path)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = open_connection(db, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, e);
	free(uri);
	return rc ? rc : schema_version(db, version, e);
}

/*
 * A dry run on a database it cannot write works on a private copy (a
 * temporary file, deleted at close): what it does is rolled back anyway.
 */
static int work_on_copy(pt_db *db, pt_err *e)
{
	sqlite3 *orig = db->sql;
	sqlite3_backup *b;
	int rc;

	db->sql = NULL;
	if ((rc = open_connection(db, "", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, e))) {
		sqlite3_close(orig);
		return rc;
	}
	if (!(b = sqlite3_backup_init(db->sql, "main", orig, "main"))) {
		rc = pt_store_err(db, e, "copy");
	} else {
		sqlite3_backup_step(b, -1);
		if (sqlite3_backup_finish(b) != SQLITE_OK)
			rc = pt_store_err(db, e, "copy");
	}
	sqlite3_close(orig);
	return rc;
}

/* Returns 1 for a new database, whose transaction the caller seeds and commits. */
int pt_store_open(pt_db *db, const pt_options *o, pt_err *e)
{
	bool fresh = false;
	int rc, version = 0;

	if (!o->readonly && (rc = create_file(db->path, e)))
		return rc;
	if (o->readonly && access(db->path, F_OK) < 0)
		return pt_error(e, PT_EDB, "%s: no such database", db->path);
	if (!writable(db->path)) {
		if ((rc = open_readonly(db, &version, e)))
			return rc;
		if (o->dry_run && (rc = work_on_copy(db, e)))
			return rc;
		if (!o->dry_run && version < NMIGRATIONS)
			return pt_error(e, PT_EDB, "%s: cannot be written, and its schema"
			                " (version %d) needs migrating to version %d",
			                db->path, version, NMIGRATIONS);
	} else if ((rc = open_connection(db, db->path, SQLITE_OPEN_READWRITE, e)) ||
	           (rc = exec(db, "PRAGMA journal_mode = WAL", e, "open")) ||
	           (rc = schema_version(db, &version, e))) {
		return rc;
	}
	if (o->readonly && version == 0)
		return pt_error(e, PT_EDB, "%s: not a petition database (no schema)", db->path);
	if ((rc = migrate(db, version, &fresh, e)))
		return rc;
	return fresh ? 1 : PT_OK;
}

int pt_begin(pt_db *db, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_BEGIN, e);
	int rc;

	if (!s)
		return PT_EDB;
	if ((rc = run(db, s, e, "begin")))
		return rc;
	db->in_tx = true;
	return PT_OK;
}

/* Drops the deferrable indexes for the rest of this transaction. */
int pt_store_bulk(pt_db *db, pt_err *e)
{
	int rc;

	if (db->bulk)
		return PT_OK;
	for (size_t i = 0; i < sizeof deferrable / sizeof deferrable[0]; i++)
		if ((rc = exec(db, deferrable[i][0], e, "bulk")))
			return rc;
	db->bulk = true;
	return PT_OK;
}

/* The number of cases, cheaply: the largest id. */
int pt_store_case_count(pt_db *db, int64_t *n, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_MAX_ID, e);
	int rc;

	if (!s)
		return PT_EDB;
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PT_OK : pt_store_err(db, e, "count");
}

int pt_commit(pt_db *db, pt_err *e)
{
	sqlite3_stmt *s;
	int rc;

	for (size_t i = 0; db->bulk && i < sizeof deferrable / sizeof deferrable[0]; i++)
		if ((rc = exec(db, deferrable[i][1], e, "index")))
			return rc;
	db->bulk = false;

	for (int i = 0; i < db->nseq; i++)
		if (db->seq[i].dirty &&
		    (rc = pt_store_seq_put(db, db->policy.case_prefix, db->seq[i].year,
		                           db->seq[i].last, e)))
			return rc;
	if (!(s = stmt(db, ST_COMMIT, e)))
		return PT_EDB;
	if ((rc = run(db, s, e, "commit")))
		return rc;
	db->in_tx = false;
	db->nseq = 0;
	db->added = 0;
	return PT_OK;
}

void pt_rollback(pt_db *db)
{
	sqlite3_stmt *s;

	if (!db || !db->in_tx)
		return;
	if ((s = stmt(db, ST_ROLLBACK, NULL)))
		run(db, s, NULL, "rollback");
	db->in_tx = false;
	db->bulk = false;
	db->nseq = 0;
	db->added = 0;
}

void pt_store_close(pt_db *db)
{
	for (int i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->sql);
}

static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void bind_int(sqlite3_stmt *s, int i, const char *v, int64_t dflt)
{
	sqlite3_bind_int64(s, i, v ? strtoll(v, NULL, 10) : dflt);
}

/* --- units --- */

int pt_store_units_load(pt_db *db, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_UNITS, e);
	struct pt_unit *u;
	int rc;

	if (!s)
		return PT_EDB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!(u = realloc(db->units, (db->nunits + 1) * sizeof *u)))
			return pt_error(e, PT_EDB, "out of memory");
		db->units = u;
		u += db->nunits++;
		u->code = strdup((const char *)sqlite3_column_text(s, 0));
		u->name = strdup((const char *)sqlite3_column_text(s, 1));
		u->level = strdup((const char *)sqlite3_column_text(s, 2));
		u->parent = sqlite3_column_type(s, 3) == SQLITE_NULL ? NULL :
			strdup((const char *)sqlite3_column_text(s, 3));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PT_OK : pt_store_err(db, e, "units");
}

int pt_store_unit_put(pt_db *db, const char *code, const char *name,
                      const char *level, const char *parent, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_UNIT_PUT, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, level, -1, SQLITE_STATIC);
	bind_opt(s, 4, parent);
	if (sqlite3_step(s) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db->sql);
		sqlite3_reset(s);
		if (ext == SQLITE_CONSTRAINT_UNIQUE)
			return pt_error(e, PT_EINPUT, "name: \"%s\" is taken by another unit under the same"
			                " parent", name);
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
			return pt_error(e, PT_EINPUT, "parent: \"%s\" is not a known unit", parent);
		return pt_store_err(db, e, "units");
	}
	sqlite3_reset(s);
	return PT_OK;
}

/* --- cases --- */

static const int insert_fields[] = {
	PT_F_CASE_NO, PT_F_UUID, PT_F_RECEIVED_AT, PT_F_CHANNEL,
	PT_F_PETITIONER_NAME, PT_F_PETITIONER_PHONE, PT_F_PETITIONER_ID_NUMBER,
	PT_F_PETITIONER_ADDRESS, PT_F_ANONYMOUS, PT_F_HEADCOUNT, PT_F_COLLECTIVE,
	PT_F_PURPOSE, PT_F_SUBJECT, PT_F_CONTENT, PT_F_ACCUSED, PT_F_LOCATION,
	PT_F_UNIT, PT_F_POLLUTION_TYPE, PT_F_STATUS, PT_F_ACCEPT_DUE, PT_F_RISK,
	PT_F_REPEAT_OF, PT_F_TRANSFERRED_FROM, PT_F_NEXT_DUE, PT_F_NEXT_CLOCK,
};

static void bind_key(sqlite3_stmt *s, int i, key_fn *key, const char *v)
{
	char k[KEY_MAX];

	if (!v)
		sqlite3_bind_null(s, i);
	else
		key(v, k, sizeof k), sqlite3_bind_text(s, i, k, -1, SQLITE_TRANSIENT);
}

int pt_store_case_insert(pt_db *db, pt_record *r, int repeats, int64_t *id, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_CASE_INSERT, e);
	char now[21];
	int n = (int)(sizeof insert_fields / sizeof insert_fields[0]), ext;

	if (!s)
		return PT_EDB;
	for (int i = 0; i < n; i++) {
		int f = insert_fields[i];
		if (pt_column(&pt_case_schema, f)->type == PT_T_BOOL ||
		    f == PT_F_HEADCOUNT)
			bind_int(s, i + 1, pt_record_get(r, f), f == PT_F_HEADCOUNT);
		else
			bind_opt(s, i + 1, pt_record_get(r, f));
	}
	pt_time_format_utc(db->now, now);
	sqlite3_bind_text(s, n + 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, n + 2, repeats);
	bind_key(s, n + 3, pt_phone_key, pt_record_get(r, PT_F_PETITIONER_PHONE));
	bind_key(s, n + 4, pt_accused_key, pt_record_get(r, PT_F_ACCUSED));
	if (sqlite3_step(s) == SQLITE_DONE) {
		*id = sqlite3_last_insert_rowid(db->sql);
		sqlite3_reset(s);
		return PT_OK;
	}
	ext = sqlite3_extended_errcode(db->sql);
	if (ext == SQLITE_CONSTRAINT_UNIQUE) {
		bool uuid = strstr(sqlite3_errmsg(db->sql), "uuid") != NULL;
		int f = uuid ? PT_F_UUID : PT_F_CASE_NO;
		sqlite3_reset(s);
		return pt_error(e, PT_EINPUT, "%s: \"%s\" is already registered",
		                uuid ? "uuid" : "case_no", pt_record_get(r, f));
	}
	sqlite3_reset(s);
	return pt_store_err(db, e, "insert case");
}

int pt_store_event_add(pt_db *db, int64_t case_id, const char *action,
                       const char *from, const char *to, const char *details,
                       pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_EVENT, e);
	char now[21];

	if (!s)
		return PT_EDB;
	pt_time_format_utc(db->now, now);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, db->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, action, -1, SQLITE_STATIC);
	bind_opt(s, 5, from);
	bind_opt(s, 6, to);
	bind_opt(s, 7, details);
	return run(db, s, e, "history");
}

/* A case's next_due and next_clock, after any change of its deadlines. */
static int next_due_update(pt_db *db, int64_t case_id, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_NEXT_DUE, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	return run(db, s, e, "next due");
}

int pt_store_deadline_add(pt_db *db, int64_t case_id, const char *clock,
                          const char *start, const char *due, const char *rule,
                          bool duty, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_DEADLINE, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int(s, 6, duty);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, rule, -1, SQLITE_STATIC);
	if ((rc = run(db, s, e, "deadlines")))
		return rc;
	return next_due_update(db, case_id, e);
}

static int repeat_row(pt_db *db, sqlite3_stmt *s, struct pt_repeat *out, pt_err *e);

int pt_store_deadline_stop(pt_db *db, int64_t case_id, const char *clock,
                           pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_DEADLINE_STOP, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	pt_time_format_utc(db->now, now);
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	if ((rc = run(db, s, e, "deadlines")) || sqlite3_changes(db->sql) == 0)
		return rc;
	return next_due_update(db, case_id, e);
}

/* A clock of a case: PT_OK, or PT_EINPUT if it has none of that name. */
int pt_store_deadline_get(pt_db *db, int64_t case_id, const char *clock,
                          struct pt_clock *k, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_DEADLINE_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(k->due, sizeof k->due, "%s", (const char *)sqlite3_column_text(s, 0));
		k->open = sqlite3_column_type(s, 1) == SQLITE_NULL;
		snprintf(k->start, sizeof k->start, "%s", (const char *)sqlite3_column_text(s, 2));
		snprintf(k->rule, sizeof k->rule, "%s", (const char *)sqlite3_column_text(s, 3));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_EINPUT : pt_store_err(db, e, "deadlines");
}

/* The latest final case of the same phone and accused (art. 36). */
int pt_store_final_find(pt_db *db, const char *phone, const char *accused,
                        struct pt_repeat *out, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_FINAL_REPEAT, e);

	if (!s)
		return PT_EDB;
	bind_key(s, 1, pt_phone_key, phone);
	bind_key(s, 2, pt_accused_key, accused);
	return repeat_row(db, s, out, e);
}

/* --- petition-verify: the chain, each case beside its events --- */

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static int each_row(pt_db *db, sqlite3_stmt *s, int (*fill)(sqlite3_stmt *, void *),
                    void *arg, pt_err *e)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fill(s, arg);
	if (!stop && rc != SQLITE_DONE) {
		sqlite3_reset(s);
		return pt_store_err(db, e, "history");
	}
	sqlite3_reset(s);
	return PT_OK;
}

struct chain_walk { int (*fn)(void *, const struct pt_chain_row *); void *arg; };

static int chain_fill(sqlite3_stmt *s, void *arg)
{
	struct chain_walk *w = arg;
	struct pt_chain_row r = {.id = sqlite3_column_int64(s, 0), .case_no = col(s, 1),
	                         .hash = col(s, 9)};

	for (int i = 0; i < PT_EVENT_FIELDS; i++) {
		r.f[i] = col(s, 2 + i);
		r.n[i] = (size_t)sqlite3_column_bytes(s, 2 + i);
	}
	return w->fn(w->arg, &r);
}

int pt_store_chain_each(pt_db *db, int (*fn)(void *, const struct pt_chain_row *),
                        void *arg, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_CHAIN, e);
	struct chain_walk w = {fn, arg};

	return s ? each_row(db, s, chain_fill, &w, e) : PT_EDB;
}

struct replay_walk { int (*fn)(void *, const struct pt_replay_row *); void *arg; };

static int replay_fill(sqlite3_stmt *s, void *arg)
{
	struct replay_walk *w = arg;
	struct pt_replay_row r = {
		.case_no = col(s, 0), .event = sqlite3_column_int64(s, 1),
		.has_event = sqlite3_column_type(s, 1) != SQLITE_NULL,
		.action = col(s, 2), .at = col(s, 3), .from = col(s, 4), .to = col(s, 5),
		.details = col(s, 6),
	};

	for (int i = 0; i < PT_REPLAY__COUNT; i++)
		r.field[i] = col(s, 7 + i);
	return w->fn(w->arg, &r);
}

int pt_store_replay_each(pt_db *db, int (*fn)(void *, const struct pt_replay_row *),
                         void *arg, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_REPLAY, e);
	struct replay_walk w = {fn, arg};

	return s ? each_row(db, s, replay_fill, &w, e) : PT_EDB;
}

/* The first guard trigger missing from the store, or NULL. */
int pt_store_guard_missing(pt_db *db, const char **missing, pt_err *e)
{
	*missing = NULL;
	for (size_t i = 0; i < sizeof guards / sizeof guards[0] && !*missing; i++) {
		sqlite3_stmt *s = stmt(db, ST_TRIGGER, e);
		int rc;

		if (!s)
			return PT_EDB;
		sqlite3_bind_text(s, 1, guards[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			*missing = guards[i];
		else if (rc != SQLITE_ROW)
			return pt_store_err(db, e, "triggers");
	}
	return PT_OK;
}

/* A case's latest event of an action: its details (NULL if none, caller
 * frees) and time; PT_EINPUT when the case has no such event. */
int pt_store_last_event(pt_db *db, int64_t case_id, const char *action,
                        char **out, int64_t *at, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_LAST_EVENT, e);
	int rc;

	*out = NULL;
	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, action, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) != SQLITE_NULL)
			*out = strdup((const char *)sqlite3_column_text(s, 0));
		if (pt_time_parse((const char *)sqlite3_column_text(s, 1), at))
			*at = 0;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_EINPUT : pt_store_err(db, e, "history");
}

/*
 * Sets columns of a case (storage form, NULL clears) and updated_at.
 * Column names come from the case schema, never from input.
 */
/* The normalised key column that follows a field, if any (repeat detection). */
static const char *key_column(int field, key_fn **key)
{
	*key = field == PT_F_PETITIONER_PHONE ? pt_phone_key :
	       field == PT_F_ACCUSED ? pt_accused_key : NULL;
	return !*key ? NULL : field == PT_F_PETITIONER_PHONE ? "phone_key" : "accused_key";
}

static int case_set_sql(const int *fields, int n, pt_buf *sql, pt_err *e)
{
	key_fn *key;

	pt_buf_adds(sql, "UPDATE cases SET updated_at = ?");
	for (int i = 0; i < n; i++) {
		const struct pt_column *c = pt_column(&pt_case_schema, fields[i]);
		const char *kc = key_column(fields[i], &key);
		if (fields[i] == PT_F_ID || fields[i] == PT_F_UNIT_NAME)
			return pt_error(e, PT_EDB, "%s: not a stored field", c->name);
		pt_buf_adds(sql, ", ");
		pt_buf_adds(sql, c->name);
		pt_buf_adds(sql, " = ?");
		if (kc) {
			pt_buf_adds(sql, ", ");
			pt_buf_adds(sql, kc);
			pt_buf_adds(sql, " = ?");
		}
	}
	pt_buf_adds(sql, " WHERE id = ?");
	return PT_OK;
}

int pt_store_case_set(pt_db *db, int64_t id, const int *fields,
                      const char *const *values, int n, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	key_fn *key;
	char now[21];
	int rc, p = 1;

	if ((rc = case_set_sql(fields, n, &sql, e))) {
		pt_buf_free(&sql);
		return rc;
	}
	if (!sql.p || sqlite3_prepare_v2(db->sql, sql.p, -1, &s, NULL) != SQLITE_OK) {
		pt_buf_free(&sql);
		return pt_store_err(db, e, "update case");
	}
	pt_time_format_utc(db->now, now);
	sqlite3_bind_text(s, p++, now, -1, SQLITE_TRANSIENT);
	for (int i = 0; i < n; i++) {
		bind_opt(s, p++, values[i]);
		if (key_column(fields[i], &key))
			bind_key(s, p++, key, values[i]);
	}
	sqlite3_bind_int64(s, p, id);
	rc = sqlite3_step(s) == SQLITE_DONE ? PT_OK : pt_store_err(db, e, "update case");
	sqlite3_finalize(s);
	pt_buf_free(&sql);
	return rc;
}

static int repeat_row(pt_db *db, sqlite3_stmt *s, struct pt_repeat *out, pt_err *e)
{
	int rc = sqlite3_step(s);

	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		snprintf(out->case_no, sizeof out->case_no, "%s", (const char *)sqlite3_column_text(s, 0));
		out->repeats = sqlite3_column_int(s, 1);
		snprintf(out->received_at, sizeof out->received_at, "%s",
		         (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_store_err(db, e, "repeat");
}

/* The latest case with the same phone (or accused) received in [since, until]. */
int pt_store_repeat_find(pt_db *db, int field, const char *value,
                         const char *since, const char *until,
                         struct pt_repeat *out, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, field == PT_F_PETITIONER_PHONE ?
	                       ST_REPEAT_PHONE : ST_REPEAT_ACCUSED, e);

	if (!s)
		return PT_EDB;
	bind_key(s, 1, field == PT_F_PETITIONER_PHONE ? pt_phone_key : pt_accused_key, value);
	sqlite3_bind_text(s, 2, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, until, -1, SQLITE_STATIC);
	return repeat_row(db, s, out, e);
}

int pt_store_seq_get(pt_db *db, const char *prefix, int year, int64_t *last,
                     pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_SEQ_GET, e);
	int rc;

	*last = 0;
	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*last = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK :
		pt_store_err(db, e, "case numbers");
}

int pt_store_seq_put(pt_db *db, const char *prefix, int year, int64_t last,
                     pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_SEQ_PUT, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, year);
	sqlite3_bind_int64(s, 3, last);
	return run(db, s, e, "case numbers");
}

static int lookup_id(pt_db *db, enum pt_stmt which, const char *key, int64_t *id,
                     pt_err *e)
{
	sqlite3_stmt *s = stmt(db, which, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	if (rc == SQLITE_DONE)
		return pt_error(e, PT_EINPUT, "%s: no such case", key);
	return pt_store_err(db, e, "find case");
}

int pt_case_resolve(pt_db *db, const char *key, int64_t *id, pt_err *e)
{
	size_t n = strspn(key, "0123456789");

	if (*key && !key[n] && n < 19)
		return lookup_id(db, ST_BY_ID, key, id, e);
	if (pt_is_uuid(key))
		return lookup_id(db, ST_BY_UUID, key, id, e);
	if (pt_case_no_parse(key, NULL))
		return lookup_id(db, ST_BY_NO, key, id, e);
	return pt_error(e, PT_EINPUT, "%s: no such case", key);
}

int pt_store_case_no_taken(pt_db *db, const char *no, bool *taken, pt_err *e)
{
	pt_err none = {0};
	int64_t id;
	int rc = lookup_id(db, ST_BY_NO, no, &id, &none);

	*taken = rc == PT_OK;
	if (rc == PT_EDB)
		*e = none;
	return rc == PT_EDB ? rc : PT_OK;
}

/* --- cursors --- */

struct pt_cursor {
	pt_db *db;
	sqlite3_stmt *s;
	bool owned;           /* finalize s on close (else reset) */
	pt_buf sql;
};

static int cursor_new(pt_db *db, sqlite3_stmt *s, bool owned, pt_cursor **out,
                      pt_err *e)
{
	pt_cursor *c = calloc(1, sizeof *c);

	if (!c) {
		if (owned)
			sqlite3_finalize(s);
		return pt_error(e, PT_EDB, "out of memory");
	}
	c->db = db;
	c->s = s;
	c->owned = owned;
	*out = c;
	return PT_OK;
}

int pt_cursor_next(pt_cursor *c, pt_record *r, pt_err *e)
{
	int rc = sqlite3_step(c->s), n;

	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		pt_store_err(c->db, e, "read");
		return -1;
	}
	pt_record_clear(r);
	n = sqlite3_column_count(c->s);
	if (n > pt_schema_ncols(pt_record_schema(r)))
		n = pt_schema_ncols(pt_record_schema(r));
	for (int i = 0; i < n; i++) {
		if (sqlite3_column_type(c->s, i) == SQLITE_NULL)
			continue;
		const char *v = (const char *)sqlite3_column_text(c->s, i);
		if (pt_record_set(r, i, v, (size_t)sqlite3_column_bytes(c->s, i),
		                  PT_V_TEXT) < 0) {
			pt_error(e, PT_EDB, "out of memory");
			return -1;
		}
	}
	return 1;
}

void pt_cursor_close(pt_cursor *c)
{
	if (!c)
		return;
	if (c->owned)
		sqlite3_finalize(c->s);
	else
		sqlite3_reset(c->s);
	pt_buf_free(&c->sql);
	free(c);
}

static int query_by_id(pt_db *db, enum pt_stmt which, int64_t id,
                       pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, which, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	return cursor_new(db, s, false, out, e);
}

int pt_events_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return query_by_id(db, ST_EVENTS, case_id, out, e);
}

int pt_deadlines_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return query_by_id(db, ST_DEADLINES, case_id, out, e);
}

int pt_store_units_query(pt_db *db, const char *code, bool under,
                         pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, !code ? ST_UNITS : under ? ST_UNITS_UNDER :
	                       ST_UNIT_ONE, e);

	if (!s)
		return PT_EDB;
	if (code)
		sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	return cursor_new(db, s, false, out, e);
}

/* --- case queries: SQL from fixed fragments, every value bound --- */

struct q {
	pt_buf sql;
	struct { const char *s; int64_t i; } v[64];
	int n;
	bool oom;
};

static void q_add(struct q *q, const char *frag)
{
	if (pt_buf_adds(&q->sql, frag) < 0)
		q->oom = true;
}

static void q_text(struct q *q, const char *frag, const char *v)
{
	q_add(q, frag);
	if (q->n < 64)
		q->v[q->n++].s = v;
	else
		q->oom = true;
}

static void q_int(struct q *q, const char *frag, int64_t i)
{
	q_add(q, frag);
	if (q->n < 64) {
		q->v[q->n].s = NULL;
		q->v[q->n++].i = i;
	} else {
		q->oom = true;
	}
}

/* " AND col IN (?, ?, ...)" for a comma list (changed in place). */
static void q_in(struct q *q, const char *col, char *values)
{
	char *save = NULL, *tok;
	const char *sep = "";

	if (!values)
		return;
	q_add(q, " AND ");
	q_add(q, col);
	q_add(q, " IN (");
	for (tok = strtok_r(values, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		q_text(q, sep, tok);
		q_add(q, "?");
		sep = ", ";
	}
	q_add(q, ")");
}

/* The fields the lifecycle tools set: category, people, backlog, risk. */
static void q_where_casework(struct q *q, struct pt_query_spec *qs)
{
	q_in(q, "c.category", qs->category);
	if (qs->handler)
		q_text(q, " AND c.handler = ?", qs->handler);
	if (qs->leader)
		q_text(q, " AND c.leader = ?", qs->leader);
	if (qs->backlog)
		q_add(q, " AND c.backlog = 1");
	if (qs->risk)
		q_add(q, " AND c.risk = 1");
}

static void q_where(struct q *q, struct pt_query_spec *qs)
{
	q_in(q, "c.status", qs->status);
	q_in(q, "c.channel", qs->channel);
	q_in(q, "c.pollution_type", qs->pollution_type);
	if (qs->unit)
		q_text(q, " AND c.unit IN (WITH RECURSIVE sub(code) AS (SELECT ?"
		       " UNION SELECT x.code FROM units x JOIN sub ON x.parent = sub.code)"
		       " SELECT code FROM sub)", qs->unit);
	if (*qs->received_from)
		q_text(q, " AND c.received_at >= ?", qs->received_from);
	if (*qs->received_before)
		q_text(q, " AND c.received_at < ?", qs->received_before);
	if (*qs->due_before)
		q_text(q, " AND c.id IN (SELECT case_id FROM deadlines"
		       " WHERE stopped_at IS NULL AND duty = 1 AND due < ?)", qs->due_before);
	if (qs->repeat)
		q_add(q, " AND c.repeat_of IS NOT NULL");
	if (qs->collective)
		q_add(q, " AND c.collective = 1");
	q_where_casework(q, qs);
	if (qs->text) {
		q_text(q, " AND (instr(c.subject, ?)", qs->text);
		q_text(q, " OR instr(coalesce(c.content, ''), ?))", qs->text);
	}
	if (qs->id)
		q_int(q, " AND c.id = ?", qs->id);
	if (qs->id_min)
		q_int(q, " AND c.id >= ?", qs->id_min);
	if (qs->id_max)
		q_int(q, " AND c.id <= ?", qs->id_max);
}

static void q_order(struct q *q, struct pt_query_spec *qs)
{
	q_add(q, " ORDER BY ");
	for (int i = 0; i < qs->nsort; i++) {
		int f = qs->sort[i].field;
		q_add(q, f == PT_F_UNIT_NAME ? "u." : "c.");
		q_add(q, f == PT_F_UNIT_NAME ? "name" : pt_schema_name(&pt_case_schema, f));
		q_add(q, qs->sort[i].desc ? " DESC" : "");
		/* a case with nothing due has nothing to do first: last (cases_next_due) */
		q_add(q, f == PT_F_NEXT_DUE ? " NULLS LAST, " : ", ");
	}
	q_add(q, "c.id");
	if (qs->limit > 0)
		q_int(q, " LIMIT ?", qs->limit);
}

int pt_store_cases_query(pt_db *db, struct pt_query_spec *qs, pt_cursor **out,
                         pt_err *e)
{
	struct q q = {0};
	sqlite3_stmt *s = NULL;
	int rc;

	q_add(&q, "SELECT " CASE_COLUMNS CASE_FROM " WHERE 1");
	q_where(&q, qs);
	q_order(&q, qs);
	if (q.oom) {
		pt_buf_free(&q.sql);
		return pt_error(e, PT_EUSAGE, "query: too many values");
	}
	if (sqlite3_prepare_v2(db->sql, q.sql.p, -1, &s, NULL) != SQLITE_OK) {
		pt_buf_free(&q.sql);
		return pt_store_err(db, e, "query");
	}
	for (int i = 0; i < q.n; i++)
		if (q.v[i].s)
			sqlite3_bind_text(s, i + 1, q.v[i].s, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(s, i + 1, q.v[i].i);
	rc = cursor_new(db, s, true, out, e);
	if (!rc)
		(*out)->sql = q.sql;
	else
		pt_buf_free(&q.sql);
	return rc;
}


/* --- supervision (petition-escalate) --- */

/* When a supervision of a case's clock was recorded: PT_OK, or PT_EINPUT. */
int pt_store_supervision_at(pt_db *db, int64_t case_id, const char *clock,
                            const char *action, int64_t *at, pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_SUPERVISION_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && pt_time_parse((const char *)sqlite3_column_text(s, 0), at))
		*at = 0;
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_EINPUT : pt_store_err(db, e, "supervisions");
}

/* Records a supervision once per case, clock and action; *added says if new. */
int pt_store_supervision_add(pt_db *db, const struct pt_supervision *v, bool *added,
                             pt_err *e)
{
	sqlite3_stmt *s = stmt(db, ST_SUPERVISION_ADD, e);
	char now[21];
	int rc;

	if (!s)
		return PT_EDB;
	pt_time_format_utc(db->now, now);
	sqlite3_bind_int64(s, 1, v->case_id);
	sqlite3_bind_text(s, 2, v->clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, v->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, v->kind, -1, SQLITE_STATIC);
	bind_opt(s, 5, v->unit);
	bind_opt(s, 6, v->handler);
	bind_opt(s, 7, v->leader);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_TRANSIENT);
	bind_opt(s, 9, v->due);
	if (v->due)
		sqlite3_bind_int(s, 10, v->days_overdue);
	sqlite3_bind_text(s, 11, v->rule, -1, SQLITE_STATIC);
	rc = run(db, s, e, "supervisions");
	*added = !rc && sqlite3_changes(db->sql) == 1;
	return rc;
}

int pt_supervisions_query(pt_db *db, int64_t case_id, pt_cursor **out, pt_err *e)
{
	return query_by_id(db, ST_SUPERVISIONS, case_id, out, e);
}

#define ESC_COLUMNS "c.id, c.case_no, c.unit, u.parent, c.handler, c.leader," \
	" c.extended, c.collective, c.risk, c.received_at, c.status"
#define ESC_UNIT " AND c.unit IN (WITH RECURSIVE sub(code) AS (SELECT ?9 UNION" \
	" SELECT x.code FROM units x JOIN sub ON x.parent = sub.code) SELECT code FROM sub)"

/*
 * The escalation queries. Each reads through a partial index, so that a run
 * costs what is due, not what is stored; ?9 limits it to a unit and those
 * under it.
 */
static const char *const esc_sql[2][PT_ESC__COUNT] = {{
	[PT_ESC_DUE] = "SELECT " ESC_COLUMNS ", d.clock, d.due FROM deadlines d"
		" JOIN cases c ON c.id = d.case_id LEFT JOIN units u ON u.code = c.unit"
		" WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due <= ?1"
		" ORDER BY d.due, c.id",
	[PT_ESC_OLD] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" INDEXED BY cases_backlog_due LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0"
		" AND c.status IN ('registered','accepted','reviewing','rereviewing')"
		" AND c.received_at < ?1 ORDER BY c.received_at LIMIT 256",
	[PT_ESC_REVIEWED] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0"
		" AND c.status IN ('reviewing','rereviewing') AND ?1 IS NOT NULL"
		" ORDER BY c.id LIMIT 256",
	[PT_ESC_REPEATED] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 0 AND c.repeats >= 2"
		" AND c.repeats >= ?1 - 1"
		" AND c.status NOT IN ('declined','transferred','final','closed','voided')"
		" ORDER BY c.id LIMIT 256",
	[PT_ESC_NO_LEADER] = "SELECT " ESC_COLUMNS ", NULL, NULL FROM cases c"
		" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 1 AND c.leader IS NULL"
		" AND c.status NOT IN ('declined','transferred','final','closed','voided')"
		" AND ?1 IS NOT NULL ORDER BY c.id",
}};

/* A statement for query q over the unit subtree (unit may be NULL). */
int pt_store_escalation(pt_db *db, enum pt_esc q, const char *arg, const char *unit,
                        pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;
	const char *base = esc_sql[0][q], *order = strstr(base, " ORDER BY");

	pt_buf_add(&sql, base, (size_t)(order - base));
	if (unit)
		pt_buf_adds(&sql, ESC_UNIT);
	pt_buf_adds(&sql, order);
	if (!sql.p || sqlite3_prepare_v2(db->sql, sql.p, -1, &s, NULL) != SQLITE_OK) {
		pt_buf_free(&sql);
		return pt_store_err(db, e, "escalation");
	}
	pt_buf_free(&sql);
	sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 9, unit, -1, SQLITE_TRANSIENT);
	return cursor_new(db, s, true, out, e);
}

/*
 * The supervision records made in [?1, ?2), in the columns and the order
 * petition-escalate printed them: an escalation was printed with the unit
 * its supervision named, the others with that unit's parent.
 */
static const char replay_sql[] =
	"SELECT s.action, c.case_no,"
	" CASE s.action WHEN 'escalate' THEN (SELECT p.unit FROM supervisions p"
	"  WHERE p.case_id = s.case_id AND p.clock = s.clock AND p.action = 'supervise'"
	"  AND coalesce(p.due, '') = coalesce(s.due, '')) ELSE s.unit END,"
	" CASE s.action WHEN 'escalate' THEN s.unit"
	"  ELSE (SELECT parent FROM units WHERE code = s.unit) END,"
	" s.handler, s.leader, s.clock, s.due,"
	" CASE WHEN s.due IS NULL THEN NULL ELSE s.days_overdue END, s.rule"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" WHERE s.at >= ?1 AND s.at < ?2 AND (?3 IS NULL OR c.unit IN"
	"  (WITH RECURSIVE sub(code) AS (SELECT ?3 UNION"
	"   SELECT x.code FROM units x JOIN sub ON x.parent = sub.code) SELECT code FROM sub))"
	" ORDER BY s.id";

int pt_store_supervisions_made(pt_db *db, const char *from, const char *before,
                               const char *unit, pt_cursor **out, pt_err *e)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(db->sql, replay_sql, -1, &s, NULL) != SQLITE_OK)
		return pt_store_err(db, e, "replay");
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	bind_opt(s, 3, unit);
	return cursor_new(db, s, true, out, e);
}

/* The query plan of a statement, one line a step (for the tests). */
int pt_store_plan(pt_db *db, pt_cursor *c, pt_buf *out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;

	pt_buf_adds(&sql, "EXPLAIN QUERY PLAN ");
	pt_buf_adds(&sql, sqlite3_sql(c->s));
	if (!sql.p || sqlite3_prepare_v2(db->sql, sql.p, -1, &s, NULL) != SQLITE_OK) {
		pt_buf_free(&sql);
		return pt_store_err(db, e, "plan");
	}
	for (int i = 1; i <= sqlite3_bind_parameter_count(c->s); i++)
		sqlite3_bind_text(s, i, "2017-01-01", -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		pt_buf_adds(out, (const char *)sqlite3_column_text(s, 3));
		pt_buf_adds(out, "\n");
	}
	sqlite3_finalize(s);
	pt_buf_free(&sql);
	return PT_OK;
}

/* --- statistics (petition-report) --- */

/* " AND c.status NOT IN (?20, ...)": the statuses no report counts */
#define UNCOUNTED_PARAM 20

static void uncounted_sql(pt_buf *sql)
{
	char n[16];

	pt_buf_adds(sql, " AND c.status NOT IN (");
	for (int i = 0; pt_uncounted_statuses[i]; i++) {
		snprintf(n, sizeof n, "%s?%d", i ? ", " : "", UNCOUNTED_PARAM + i);
		pt_buf_adds(sql, n);
	}
	pt_buf_adds(sql, ")");
}

static void uncounted_bind(sqlite3_stmt *s)
{
	for (int i = 0; pt_uncounted_statuses[i]; i++)
		sqlite3_bind_text(s, UNCOUNTED_PARAM + i, pt_uncounted_statuses[i], -1,
		                  SQLITE_STATIC);
}

/* Prepares sql (freed here) with the uncounted statuses bound. */
static int prepare_counted(pt_db *db, pt_buf *sql, sqlite3_stmt **out, pt_err *e)
{
	int rc = PT_OK;

	*out = NULL;
	if (!sql->p || sqlite3_prepare_v2(db->sql, sql->p, -1, out, NULL) != SQLITE_OK)
		rc = pt_store_err(db, e, "report");
	pt_buf_free(sql);
	if (!rc)
		uncounted_bind(*out);
	return rc;
}

/*
 * Dimension expressions over the acts below (x.t: when the act was done);
 * local dates use the zone's offset, bound as ?3.
 */
static const char *const dim_sql[PT_DIM__COUNT] = {
	[PT_DIM_UNIT] = "x.unit",
	[PT_DIM_CHANNEL] = "x.channel",
	[PT_DIM_POLLUTION] = "coalesce(x.pollution_type, '')",
	[PT_DIM_CATEGORY] = "coalesce(x.category, '')",
	[PT_DIM_STATUS] = "x.status",
	[PT_DIM_YEAR] = "strftime('%Y', x.t, ?3)",
	[PT_DIM_MONTH] = "strftime('%Y-%m', x.t, ?3)",
	[PT_DIM_WEEK] = "date(x.t, ?3, 'weekday 0', '-6 days')",
	[PT_DIM_DAY] = "date(x.t, ?3)",
};

#define ACT_CASE "c.channel, c.pollution_type, c.category, c.status"

/*
 * The acts a report counts, each where and when it was done, in [?1, ?2):
 * one row per act of (unit, t, the case's dimensions, the measures in the
 * order of enum pt_measure). ?4 is today's local date.
 */
static const char *const act_sql[] = {
	/* received, repeat, collective: at the unit that registered the case */
	"SELECT coalesce(r.unit, c.unit) AS unit, c.received_at AS t, c.channel AS channel,"
	" c.pollution_type AS pollution_type, c.category AS category, c.status AS status,"
	" 1 AS m0, 0 AS m1, 0 AS m2, 0 AS m3, 0 AS m4, 0 AS m5, 0 AS m6, 0 AS m7, 0 AS m8,"
	" 0 AS m9, 0 AS m10, 0 AS m11, c.repeat_of IS NOT NULL AS m12, c.collective AS m13,"
	" 0 AS m14"
	" FROM cases c LEFT JOIN events r ON r.case_id = c.id AND r.action = 'register'"
	" WHERE c.received_at >= ?1 AND c.received_at < ?2",
	/* open and overdue now: where the case is now, by when it was received */
	"SELECT c.unit, c.received_at, " ACT_CASE ","
	" 0, 0, 0, 0, 0, 0, c.status IN ('registered','accepted','reviewing','rereviewing'),"
	" coalesce(c.next_due < ?4, 0), 0, 0, 0, 0, 0, 0, 0 FROM cases c"
	" WHERE c.received_at >= ?1 AND c.received_at < ?2"
	" AND (c.status IN ('registered','accepted','reviewing','rereviewing')"
	" OR c.next_due < ?4)",
	/* the acts of the history, at the unit that did them (a review: the one
	 * the request went up to) */
	"SELECT CASE e.action WHEN 'review_request' THEN"
	" coalesce(json_extract(e.details, '$.to'), e.unit) ELSE e.unit END, e.at, " ACT_CASE ","
	" 0, e.action = 'accept', e.action = 'decline', e.action = 'transfer',"
	" e.action = 'reply', e.action = 'reply' AND json_extract(e.details, '$.on_time') IS 1,"
	" 0, 0, e.action = 'extend', e.action = 'review_request',"
	" e.action = 'rate' AND json_extract(e.details, '$.satisfaction')"
	"  IN ('satisfied','basically_satisfied'),"
	" e.action = 'rate', 0, 0, e.action = 'backlog'"
	" FROM events e JOIN cases c ON c.id = e.case_id"
	" WHERE e.action IN ('accept','decline','transfer','reply','extend','review_request',"
	" 'rate','backlog') AND e.at >= ?1 AND e.at < ?2",
};

/*
 * Counts per unit that acted and the given dimensions: rows of (unit,
 * dims..., measures...).
 */
int pt_store_report(pt_db *db, const enum pt_dim *dims, int ndims, const char *from,
                    const char *before, const char *offset, const char *today,
                    sqlite3_stmt **out, pt_err *e)
{
	pt_buf sql = {0};
	char n[32];
	int rc;

	pt_buf_adds(&sql, "SELECT x.unit");
	for (int i = 0; i < ndims; i++) {
		pt_buf_adds(&sql, ", ");
		pt_buf_adds(&sql, dim_sql[dims[i]]);
	}
	for (int m = 0; m < PT_M_COUNT; m++) {
		snprintf(n, sizeof n, ", sum(x.m%d)", m);
		pt_buf_adds(&sql, n);
	}
	pt_buf_adds(&sql, " FROM (");
	for (size_t i = 0; i < sizeof act_sql / sizeof act_sql[0]; i++) {
		pt_buf_adds(&sql, i ? " UNION ALL " : "");
		pt_buf_adds(&sql, act_sql[i]);
		uncounted_sql(&sql);
	}
	pt_buf_adds(&sql, ") x GROUP BY 1");
	for (int i = 0; i < ndims; i++) {
		snprintf(n, sizeof n, ", %d", i + 2);
		pt_buf_adds(&sql, n);
	}
	if ((rc = prepare_counted(db, &sql, out, e)))
		return rc;
	sqlite3_bind_text(*out, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*out, 2, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*out, 3, offset, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*out, 4, today, -1, SQLITE_TRANSIENT);
	return PT_OK;
}

#define LAST_SUPERVISION "(SELECT date(s.at, ?4) || ' ' || s.action FROM supervisions s" \
	" WHERE s.case_id = c.id ORDER BY s.id DESC LIMIT 1)"

/* The lists of petition-report: overdue or near clocks, backlog cases (with
 * the open deadline that falls due first). */
static const char *const list_sql[] = {
	/* clocks due in [?1, ?2] */
	"SELECT c.case_no, c.unit, u.name, c.handler, c.leader, d.clock, d.due,"
	" julianday(?3) - julianday(d.due), julianday(?3) - julianday(date(c.received_at, ?4)),"
	" " LAST_SUPERVISION ", c.status FROM deadlines d JOIN cases c ON c.id = d.case_id"
	" LEFT JOIN units u ON u.code = c.unit"
	" WHERE d.stopped_at IS NULL AND d.duty = 1 AND d.due <= ?2 AND d.due >= ?1",
	/* backlog cases, with their last supervision */
	"SELECT c.case_no, c.unit, u.name, c.handler, c.leader, k.clock, k.due,"
	" julianday(?3) - julianday(k.due), julianday(?3) - julianday(date(c.received_at, ?4)),"
	" " LAST_SUPERVISION ", c.status FROM cases c"
	" LEFT JOIN deadlines k ON k.case_id = c.id AND k.clock = (SELECT clock FROM deadlines"
	"  WHERE case_id = c.id AND stopped_at IS NULL AND duty = 1 ORDER BY due LIMIT 1)"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.backlog = 1 AND ?1 AND ?2",
};

int pt_store_report_list(pt_db *db, int which, const char *lo, const char *hi,
                         const char *today, const char *offset, const char *unit,
                         pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;

	pt_buf_adds(&sql, list_sql[which]);
	if (unit)
		pt_buf_adds(&sql, " AND c.unit IN (WITH RECURSIVE sub(code) AS (SELECT ?5 UNION"
		            " SELECT x.code FROM units x JOIN sub ON x.parent = sub.code)"
		            " SELECT code FROM sub)");
	uncounted_sql(&sql);
	pt_buf_adds(&sql, which == 0 ? " ORDER BY d.due, c.id" : " ORDER BY c.received_at, c.id");
	if (prepare_counted(db, &sql, &s, e))
		return PT_EDB;
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, offset, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 5, unit, -1, SQLITE_TRANSIENT);
	return cursor_new(db, s, true, out, e);
}

/* New collective, risk or backlog cases of a period, for the zero report. */
static const char *const new_sql[] = {
	"SELECT 'collective', c.case_no, c.unit, u.name, c.received_at, c.subject FROM cases c"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.collective = 1"
	" AND c.received_at >= ?1 AND c.received_at < ?2",
	"SELECT 'risk', c.case_no, c.unit, u.name, c.received_at, c.subject FROM cases c"
	" LEFT JOIN units u ON u.code = c.unit WHERE c.risk = 1"
	" AND c.received_at >= ?1 AND c.received_at < ?2",
	"SELECT 'backlog', c.case_no, c.unit, u.name, c.received_at, c.subject"
	" FROM supervisions s JOIN cases c ON c.id = s.case_id"
	" LEFT JOIN units u ON u.code = c.unit WHERE s.action = 'backlog'"
	" AND s.at >= ?1 AND s.at < ?2",
};

int pt_store_report_new(pt_db *db, int which, const char *from, const char *before,
                        const char *unit, pt_cursor **out, pt_err *e)
{
	pt_buf sql = {0};
	sqlite3_stmt *s = NULL;

	pt_buf_adds(&sql, new_sql[which]);
	if (unit)
		pt_buf_adds(&sql, " AND c.unit IN (WITH RECURSIVE sub(code) AS (SELECT ?3 UNION"
		            " SELECT x.code FROM units x JOIN sub ON x.parent = sub.code)"
		            " SELECT code FROM sub)");
	uncounted_sql(&sql);
	pt_buf_adds(&sql, " ORDER BY c.received_at, c.id");
	if (prepare_counted(db, &sql, &s, e))
		return PT_EDB;
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, before, -1, SQLITE_TRANSIENT);
	if (unit)
		sqlite3_bind_text(s, 3, unit, -1, SQLITE_TRANSIENT);
	return cursor_new(db, s, true, out, e);
}

/* The local date of the first case received; "" when there is none. */
int pt_store_first_received(pt_db *db, char out[11], pt_err *e)
{
	sqlite3_stmt *s = NULL;
	pt_buf sql = {0};
	int64_t t;
	int rc;

	*out = 0;
	pt_buf_adds(&sql, "SELECT c.received_at FROM cases c WHERE 1");
	uncounted_sql(&sql);
	pt_buf_adds(&sql, " ORDER BY c.received_at LIMIT 1");
	if (prepare_counted(db, &sql, &s, e))
		return PT_EDB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
	    !pt_time_parse((const char *)sqlite3_column_text(s, 0), &t))
		pt_date_format(pt_local_day(t), out);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_store_err(db, e, "report");
}
