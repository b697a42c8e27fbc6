/* exchange.c - the SQLite engine: settings, Lamport clocks and the events
 * offices exchange. */
#include "sqlite.h"
#include <string.h>

#define XROW_COLUMNS "SELECT c.id, c.uuid, c.case_no, c.unit, e.id, e.event_id," \
	" e.origin, e.lamport, e.at, e.actor, e.unit, e.action, e.from_status," \
	" e.to_status, e.details, e.changes FROM events e JOIN cases c ON c.id = e.case_id"
#define XROW_ORDER " AND e.changes IS NOT NULL ORDER BY e.case_id, e.lamport, e.id"

static const char *const sql_text[ST__COUNT] = {
	[ST_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
	[ST_SETTING_PUT] = "INSERT INTO settings(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[ST_LAMPORT_MAX] = "SELECT coalesce(max(lamport), 0) FROM events"
		" WHERE lamport IS NOT NULL",
	[ST_SEEN] = "SELECT origin, max(lamport) FROM events WHERE case_id = ?1"
		" AND origin IS NOT NULL AND origin <> ?2 AND lamport IS NOT NULL"
		" GROUP BY origin ORDER BY origin",
	/* an event with an origin has an id; with none, no event has an origin */
	[ST_ANY_EVENT_ID] = "SELECT 1 FROM events INDEXED BY events_event_id"
		" WHERE event_id IS NOT NULL LIMIT 1",
	[ST_CASE_KEYS] = "SELECT uuid, unit FROM cases WHERE id = ?1",
	[ST_EVENT_KNOWN] = "SELECT 1 FROM events WHERE event_id = ?1",
	[ST_OWN_KNOWN] = "SELECT 1 FROM events INDEXED BY events_lamport"
		" WHERE lamport = ?1 AND (origin IS NULL OR origin = ?2)",
	[ST_XROWS_CASE] = XROW_COLUMNS " WHERE e.case_id = ?1" XROW_ORDER,
	[ST_XROWS_AFTER] = XROW_COLUMNS " WHERE e.case_id IN (SELECT case_id FROM events"
		" WHERE id > ?1)" XROW_ORDER,
	[ST_XROWS_SINCE] = XROW_COLUMNS " WHERE e.case_id IN (SELECT case_id FROM events"
		" WHERE arrived_at >= ?1)" XROW_ORDER,
	[ST_EVENTS_NEWEST] = "SELECT coalesce(max(id), 0) FROM events",
	[ST_DEADLINE_PUT] = "INSERT INTO deadlines(case_id, clock, start, due, rule, duty,"
		" stopped_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT(case_id, clock) DO UPDATE SET start = excluded.start,"
		" due = excluded.due, rule = excluded.rule, duty = excluded.duty,"
		" stopped_at = excluded.stopped_at",
};

int pt_sq_setting_get(pt_db *db, const char *key, char *out, size_t n, bool *found,
                      pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_SETTING_GET, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if ((*found = rc == SQLITE_ROW))
		snprintf(out, n, "%s", pt_sq_col(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "settings");
}

int pt_sq_setting_put(pt_db *db, const char *key, const char *value, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_SETTING_PUT, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return pt_sq_run(db, s, e, "settings");
}

/* One integer from a statement whose ?1 is id (if it has one). */
static int one_int(pt_db *db, enum pt_sq_stmt id, int64_t *out, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, id, e);
	int rc;

	if (!s)
		return PT_EDB;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? PT_OK : pt_sq_err(db, e, "history");
}

int pt_sq_lamport_max(pt_db *db, int64_t *out, pt_err *e)
{
	return one_int(db, ST_LAMPORT_MAX, out, e);
}

int pt_sq_events_newest(pt_db *db, int64_t *id, pt_err *e)
{
	return one_int(db, ST_EVENTS_NEWEST, id, e);
}

int pt_sq_seen(pt_db *db, int64_t case_id, const char *self,
               int (*fn)(void *, const char *, int64_t), void *arg, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_ANY_EVENT_ID, e);
	int rc;

	/* a store that never had an office reads no event of the case (each a
	 * row of the history, far apart) to find none */
	if (!s)
		return PT_EDB;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "history");
	if (!(s = SQ_STMT(db, ST_SEEN, e)))
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, self, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(arg, pt_sq_col(s, 0), sqlite3_column_int64(s, 1))) {
			sqlite3_reset(s);
			return pt_error(e, PT_EDB, "out of memory");
		}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "history");
}

int pt_sq_case_keys(pt_db *db, int64_t id, char uuid[37], char *unit, size_t n, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_CASE_KEYS, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(uuid, 37, "%s", pt_sq_col(s, 0));
		snprintf(unit, n, "%s", pt_sq_col(s, 1));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? pt_error(e, PT_EDB, "history: case %" PRId64 " is gone", id)
	                         : pt_sq_err(db, e, "history");
}

static int exists(pt_db *db, sqlite3_stmt *s, bool *known, pt_err *e)
{
	int rc = sqlite3_step(s);

	*known = rc == SQLITE_ROW;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : pt_sq_err(db, e, "history");
}

int pt_sq_event_known(pt_db *db, const char *event_id, const char *self, const char *origin,
                      int64_t lamport, bool *known, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_EVENT_KNOWN, e);
	int rc;

	if (!s)
		return PT_EDB;
	sqlite3_bind_text(s, 1, event_id, -1, SQLITE_STATIC);
	if ((rc = exists(db, s, known, e)) || *known || strcmp(origin, self))
		return rc;
	if (!(s = SQ_STMT(db, ST_OWN_KNOWN, e)))
		return PT_EDB;
	sqlite3_bind_int64(s, 1, lamport);
	sqlite3_bind_text(s, 2, self, -1, SQLITE_STATIC);
	return exists(db, s, known, e);
}

int pt_sq_exchange_rows(pt_db *db, int64_t case_id, int64_t after, const char *since,
                        pt_cursor **out, pt_err *e)
{
	enum pt_sq_stmt id = case_id ? ST_XROWS_CASE : since ? ST_XROWS_SINCE : ST_XROWS_AFTER;
	sqlite3_stmt *s = SQ_STMT(db, id, e);

	if (!s)
		return PT_EDB;
	if (id == ST_XROWS_SINCE)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, case_id ? case_id : after);
	return pt_sq_cursor(db, s, false, out, e);
}

int pt_sq_deadline_put(pt_db *db, int64_t case_id, const char *clock, const char *start,
                       const char *due, const char *rule, bool duty, const char *stopped_at,
                       pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, ST_DEADLINE_PUT, e);

	if (!s)
		return PT_EDB;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, clock, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, rule, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, duty);
	pt_sq_bind_opt(s, 7, stopped_at);
	return pt_sq_run(db, s, e, "deadlines");
}
